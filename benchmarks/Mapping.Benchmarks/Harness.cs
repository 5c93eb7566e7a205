using System.Diagnostics;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>One thing measured: a pass over all rows of one resource type.</summary>
internal sealed record BenchmarkCase(string ResourceType, string Name, int Rows, Func<RunResult> Run);

/// <summary>
/// One timed pass: wall time, process CPU time (all threads, so the GC's too; steadier than wall time when other
/// processes compete for the cores), bytes allocated on this thread, and a checksum that keeps the work observable.
/// </summary>
internal readonly record struct RunResult(TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes, long Checksum);

/// <summary>A case's measured runs, summarised.</summary>
internal sealed record CaseResult(BenchmarkCase Case, IReadOnlyList<RunResult> Runs)
{
    public double MedianRowsPerSecond => Median(Runs.Select(RowsPerSecond));

    public double MinRowsPerSecond => Runs.Min(RowsPerSecond);

    public double MaxRowsPerSecond => Runs.Max(RowsPerSecond);

    public double BytesPerResource => Median(Runs.Select(run => (double)run.AllocatedBytes)) / Case.Rows;

    public double CpuMicrosecondsPerResource => Median(Runs.Select(run => run.CpuTime.TotalMicroseconds)) / Case.Rows;

    private double RowsPerSecond(RunResult run) => Case.Rows / run.Elapsed.TotalSeconds;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>
/// Stopwatch harness: one warm-up pass per case (tiered JIT reaches its optimised code), then the measured runs,
/// interleaved (run 1 of every case, then run 2, ...) with the starting case rotated, so drift hits every case alike.
/// A full collection precedes every pass, so none pays for another's garbage.
/// </summary>
internal static class Harness
{
    public static IReadOnlyList<CaseResult> Run(IReadOnlyList<BenchmarkCase> cases, int runs, TextWriter log)
    {
        foreach (var benchmark in cases)
        {
            var warmUp = Pass(benchmark);
            log.WriteLine($"warm-up  {benchmark.ResourceType,-12} {benchmark.Name,-24} {warmUp.Elapsed.TotalMilliseconds,9:F0} ms");
        }

        var results = cases.ToDictionary(benchmark => benchmark, _ => new List<RunResult>());
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var benchmark = cases[(i + run) % cases.Count];
                var result = Pass(benchmark);
                if (results[benchmark] is [var first, ..] && first.Checksum != result.Checksum)
                    throw new InvalidOperationException($"{benchmark.ResourceType} {benchmark.Name}: a run produced different output than the first");
                results[benchmark].Add(result);
                log.WriteLine($"run {run + 1,-4} {benchmark.ResourceType,-12} {benchmark.Name,-24} {result.Elapsed.TotalMilliseconds,9:F0} ms");
            }
        }

        return cases.Select(benchmark => new CaseResult(benchmark, results[benchmark])).ToList();
    }

    /// <summary>Times <paramref name="work"/> over every row; the checksum sums what <paramref name="work"/> returns.</summary>
    public static RunResult TimeEach(object?[][] rows, Func<object?[], int> work)
    {
        long checksum = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        foreach (var row in rows) checksum += work(row);
        stopwatch.Stop();
        return new RunResult(stopwatch.Elapsed, Environment.CpuUsage.TotalTime - cpu, GC.GetAllocatedBytesForCurrentThread() - allocated, checksum);
    }

    private static RunResult Pass(BenchmarkCase benchmark)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return benchmark.Run();
    }
}
