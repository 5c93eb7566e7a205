using System.Security.Cryptography;

namespace FhirSync.Worker.Hosting;

/// <summary>This process among the workers: host name plus a random suffix, so two workers on one host differ.</summary>
internal static class WorkerInstance
{
    public static string Id { get; } = $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
