namespace FhirSync.Sync.Benchmarks;

/// <summary>Median, spread and percentiles of a few measured values.</summary>
internal sealed record Stats(double Median, double Min, double Max, int Count)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new InvalidOperationException("no measured values");
        return new Stats(Percentile(sorted, 0.5), sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>Nearest-rank percentile interpolated between neighbours; <paramref name="sorted"/> ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        var position = (sorted.Count - 1) * fraction;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
