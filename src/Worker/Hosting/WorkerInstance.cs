using System.Security.Cryptography;

namespace FhirSync.Worker.Hosting;

/// <summary>Names a worker among the others: host name plus a random suffix, so two workers on one host differ.</summary>
internal static class WorkerInstance
{
    /// <summary>This process's name as its runs show it: host, process id and a random suffix.</summary>
    public static string Current { get; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";

    public static string NewId() => $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
