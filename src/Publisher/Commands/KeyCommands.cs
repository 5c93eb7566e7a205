using System.CommandLine;
using System.Security.Cryptography;
using FhirSync.ControlPlane.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary>
/// <c>fhirsync keys generate|rotate</c>: make a master key, and move every tenant's stored secrets to the current key
/// while the previous keys are still loaded. The procedure is in docs/security.md.
/// </summary>
internal static class KeyCommands
{
    public static Command Create() => new("keys", "Generate master keys and rotate tenants' stored secrets to the current key") { Generate(), Rotate() };

    private static Command Generate()
    {
        var command = new Command("generate", "Print a fresh random 32-byte master key, base64, for Secrets:Key or a key file; it is not stored anywhere");
        command.SetAction(_ => Console.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        return command;
    }

    private static Command Rotate()
    {
        var command = new Command("rotate", "Re-encrypt every tenant's source connection and sink credentials that are not under the current key (Secrets:KeyId)");
        command.SetAction((_, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var rotation = host.Services.GetRequiredService<TenantKeyRotation>();
            var counts = Enum.GetValues<TenantKeyRotationStatus>().ToDictionary(status => status, _ => 0);
            var failed = new List<string>();
            await foreach (var result in rotation.RotateAsync(cancellationToken))
            {
                counts[result.Status]++;
                if (result.Status == TenantKeyRotationStatus.Failed) failed.Add(result.TenantId.Value);
                Console.WriteLine($"{result.TenantId.Value,-16} {Label(result.Status),-15} {result.Detail}");
            }

            Console.WriteLine($"{counts.Values.Sum()} tenants, current key {rotation.CurrentKeyId}: {counts[TenantKeyRotationStatus.Rotated]} rotated, "
                              + $"{counts[TenantKeyRotationStatus.AlreadyCurrent]} already current, {counts[TenantKeyRotationStatus.Failed]} failed, "
                              + $"{counts[TenantKeyRotationStatus.Removed]} removed meanwhile");
            if (failed.Count == 0) return 0;

            // The previous keys must stay loaded until these tenants are fixed (re-added) and a rotation reports no failure.
            await Console.Error.WriteLineAsync($"error: {failed.Count} tenant(s) not rotated: {string.Join(", ", failed)}; keep the previous keys loaded, re-add these tenants, and rotate again");
            return 1;
        }));
        return command;
    }

    private static string Label(TenantKeyRotationStatus status) => status switch
    {
        TenantKeyRotationStatus.Rotated => "rotated",
        TenantKeyRotationStatus.AlreadyCurrent => "already current",
        TenantKeyRotationStatus.Failed => "FAILED",
        TenantKeyRotationStatus.Removed => "removed",
        _ => status.ToString(),
    };
}
