namespace FhirSync.Sync.Benchmarks;

/// <summary>A rate over measured runs, with what each run moved.</summary>
internal sealed record Rate(Stats PerSecond, long ItemsPerRun, Stats Seconds);

/// <summary>Request-to-finish latency percentiles in ms, split (medians) into the wait before the run started and the run itself.</summary>
internal sealed record LatencySample(double P50, double P95, double MedianWaitMs, double MedianRunMs);

/// <summary>The small tenant's on-demand latency on an idle worker and beside the largest tenant's sync.</summary>
internal sealed record OnDemandLatency(LatencySample Idle, LatencySample Busy, int Samples);

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

    public OnDemandLatency? OnDemand { get; set; }

    /// <summary>Source read time over page time, summed over the NDJSON runs' pages (usage_events), and the pages counted.</summary>
    public (long SourceDbMs, long PageMs, int Pages)? NdjsonStages { get; set; }

    public (long SourceDbMs, long PageMs, int Pages)? FhirStages { get; set; }

    public (long SourceDbMs, long PageMs, int Pages)? IncrementalStages { get; set; }

    /// <summary>The incremental runs' durations summed (each tenant's run from start to finish), to set their page time against.</summary>
    public long IncrementalRunMs { get; set; }

    /// <summary>Worker CPU seconds over wall seconds during the NDJSON full runs: how many of the cores it kept busy.</summary>
    public Stats? NdjsonWorkerCores { get; set; }

    /// <summary>Worker CPU microseconds per resource written during the NDJSON full runs.</summary>
    public Stats? NdjsonWorkerCpuMicroseconds { get; set; }

    /// <summary>CPU microseconds per resource of the in-process build + serialize pass (this process, every thread).</summary>
    public Stats? BuildSerializeCpuMicroseconds { get; set; }

    /// <summary>MariaDB's CPU over wall seconds during the NDJSON full runs (the server is shared: other work shows too).</summary>
    public Stats? NdjsonDatabaseCores { get; set; }

    /// <summary>Worker and FHIR test server CPU over wall seconds during the FHIR sink runs.</summary>
    public (Stats Worker, Stats? Server)? FhirCores { get; set; }

    /// <summary>A CPU-sampling trace of the worker over one more NDJSON full run.</summary>
    public ProfileSummary? NdjsonProfile { get; set; }

    public List<string> Notes { get; } = [];

    public double LowerLimit => Math.Min(Scan!.PerSecond.Median, BuildSerialize!.PerSecond.Median);
}
