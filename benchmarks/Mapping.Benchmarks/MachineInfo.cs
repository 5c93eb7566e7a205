using System.Runtime;
using System.Runtime.InteropServices;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineInfo(int Processors, string CpuModel, string Runtime, string OperatingSystem, string GarbageCollector, string Configuration)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        (GCSettings.IsServerGC ? "Server GC" : "Workstation GC") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent"),
#if DEBUG
        "Debug");
#else
        "Release");
#endif

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine shows here, and in the spread of the runs.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return "unknown CPU";
        var line = File.ReadLines(cpuInfo).FirstOrDefault(text => text.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? "unknown CPU";
    }
}
