using System.CommandLine;
using FhirSync.ControlPlane.ApiKeys;
using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync tenant api-key issue|revoke</c>: keys for a tenant's machine clients, shown once, kept as hashes.</summary>
internal static class ApiKeyCommands
{
    public static Command Create() => new("api-key", "Issue or revoke API keys of a tenant's machine clients") { Issue(), Revoke() };

    private static Command Issue()
    {
        var id = TenantOption.Create();
        var command = new Command("issue", "Issue another API key for a tenant (shown once)") { id };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            using var host = await PublisherServices.StartAsync(cancellationToken);
            if (await host.Services.GetRequiredService<TenantRegistry>().FindAsync(tenantId, cancellationToken) is null) return await TenantStateCommands.NotRegistered(tenantId);
            var apiKey = await host.Services.GetRequiredService<TenantApiKeys>().IssueAsync(tenantId, cancellationToken);
            Console.WriteLine($"API key {apiKey.KeyId} for tenant {tenantId} (shown once, only its hash is kept):{Environment.NewLine}{apiKey.Key}");
            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var id = TenantOption.Create();
        var keyId = new Option<string>("--key-id") { Description = "The key's id (the 12 characters after fsk_)", Required = true };
        var command = new Command("revoke", "Revoke one of a tenant's API keys") { id, keyId };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            using var host = await PublisherServices.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<TenantApiKeys>().RevokeAsync(tenantId, parse.GetValue(keyId)!, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: tenant {tenantId} has no live API key {parse.GetValue(keyId)}");
                return 1;
            }

            Console.WriteLine($"API key {parse.GetValue(keyId)} of tenant {tenantId} revoked");
            return 0;
        }));
        return command;
    }
}
