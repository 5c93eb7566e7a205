using System.Security.Cryptography;

namespace FhirSync.Worker.Hosting;

/// <summary>Names a worker among the others: host name plus a random suffix, so two workers on one host differ.</summary>
internal static class WorkerInstance
{
    public static string NewId() => $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
