using System.Globalization;

namespace FhirSync.Sync.Benchmarks;

/// <summary>A process's resident memory as Linux reports it in /proc/{pid}/status.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size since the process started (VmHWM), in bytes.</summary>
    public static long PeakResidentBytes(int processId) => StatusKilobytes(processId, "VmHWM:") * 1024;

    /// <summary>Resident set size now (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int processId) => StatusKilobytes(processId, "VmRSS:") * 1024;

    private static long StatusKilobytes(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(text => text.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
