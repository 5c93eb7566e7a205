namespace FhirSync.Sync.Benchmarks;

/// <summary>A rate over measured runs, with what each run moved.</summary>
internal sealed record Rate(Stats PerSecond, long ItemsPerRun, Stats Seconds);

/// <summary>Everything one benchmark run measured, for the report.</summary>
internal sealed class Figures
{
    public Rate? Scan { get; set; }

    public Rate? BuildSerialize { get; set; }

    public Rate? Ndjson { get; set; }

    public Rate? Incremental { get; set; }

    public long IncrementalChangedRows { get; set; }

    public Rate? FhirSink { get; set; }

    public Rate? DirectIngest { get; set; }

    public Rate? Naive { get; set; }

    public (long SmallRows, long SmallPeak, long LargeRows, long LargePeak)? Memory { get; set; }

    public (int Registered, int Syncing, int Budget, int PerTenant, int PeakConnections, long PeakWorkerBytes, double Seconds)? Fleet { get; set; }

    public (Stats IdleMs, double IdleP95, Stats BusyMs, double BusyP95, int Samples)? OnDemand { get; set; }

    /// <summary>Source read time over page time, summed over the NDJSON runs' pages (usage_events), and the pages counted.</summary>
    public (long SourceDbMs, long PageMs, int Pages)? NdjsonStages { get; set; }

    public (long SourceDbMs, long PageMs, int Pages)? FhirStages { get; set; }

    public List<string> Notes { get; } = [];

    public double LowerLimit => Math.Min(Scan!.PerSecond.Median, BuildSerialize!.PerSecond.Median);
}
