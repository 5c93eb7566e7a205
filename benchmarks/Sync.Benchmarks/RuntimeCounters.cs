using System.Globalization;

namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// The worker's runtime counters over the profiled run (dotnet-counters, System.Runtime meter, one sample a second),
/// averaged over the seconds the worker was busy (more than a tenth of a core).
/// </summary>
internal sealed record RuntimeCounters(int Seconds, double Cores, double GcPausePercent, double AllocatedMegabytesPerSecond, double Gen0PerSecond,
    double Gen1PerSecond, double Gen2PerSecond, double LockContentionsPerSecond, double ThreadPoolQueueLength, double ThreadPoolThreads, double PeakWorkingSetMegabytes)
{
    public static RuntimeCounters? Read(string csvPath)
    {
        // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment
        var samples = File.ReadLines(csvPath).Skip(1).Select(line => line.Split(','))
            .Where(parts => parts.Length >= 5 && double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(parts => (Second: parts[0], Name: string.Join(',', parts[2..^2]), Value: double.Parse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture)))
            .GroupBy(sample => sample.Second)
            .Select(second => second.GroupBy(sample => sample.Name).ToDictionary(counter => counter.Key, counter => counter.Sum(sample => sample.Value)))
            .ToList();
        double Of(Dictionary<string, double> second, string prefix) => second.Where(counter => counter.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(counter => counter.Value);
        var busy = samples.Where(second => Of(second, "dotnet.process.cpu.time") > 0.1).ToList();
        if (busy.Count == 0) return null;
        double Mean(string prefix) => busy.Average(second => Of(second, prefix));
        return new RuntimeCounters(busy.Count, Mean("dotnet.process.cpu.time"), 100 * Mean("dotnet.gc.pause.time"), Mean("dotnet.gc.heap.total_allocated") / 1048576,
            Mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]"), Mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]"),
            Mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]"), Mean("dotnet.monitor.lock_contentions"), Mean("dotnet.thread_pool.queue.length"),
            Mean("dotnet.thread_pool.thread.count"), samples.Max(second => Of(second, "dotnet.process.memory.working_set")) / 1048576);
    }
}
