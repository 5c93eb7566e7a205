using System.Globalization;
using System.Text;
using FhirSync.Mapping.Benchmarks;

namespace FhirSync.Sync.Benchmarks;

/// <summary>Writes the "Sync pipeline" section of the benchmarks document between its own markers, leaving the rest as it is.</summary>
internal sealed class SyncReport(SyncBenchmarkOptions options, MachineInfo machine, string loadBefore, string loadAfter, Figures figures, BenchEnvironment env)
{
    private const string StartMarker = "<!-- bench-sync:start (written by scripts/bench-sync.sh) -->";
    private const string EndMarker = "<!-- bench-sync:end -->";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Write()
    {
        var path = options.OutputPath;
        var document = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var section = StartMarker + "\n" + Section() + EndMarker + "\n";
        var start = document.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        document = start >= 0 && end > start
            ? document[..start] + section + document[(end + EndMarker.Length)..].TrimStart('\n')
            : document.TrimEnd('\n') + "\n\n" + section;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, document);
    }

    public string Table()
    {
        var f = figures;
        var text = new StringBuilder()
            .Append("| figure | what moved per run | median | min | max |\n")
            .Append("| --- | --- | ---: | ---: | ---: |\n");
        RateRow(text, "raw scan (MySqlConnector, the mapper's SELECT, one connection)", f.Scan, "rows");
        RateRow(text, $"build + serialize in process (compiled mapper + Firely, {Environment.ProcessorCount} threads)", f.BuildSerialize, "resources");
        RateRow(text, $"FhirSync full sync to NDJSON, {env.MainTenants.Count} tenants at once", f.Ndjson, "resources");
        RateRow(text, $"FhirSync incremental sync to NDJSON after 1% changed ({f.IncrementalChangedRows:N0} rows)", f.Incremental, "resources");
        RateRow(text, env.FhirSource == env.MainTenants[0].Source
            ? "FhirSync full sync to the FHIR test server (largest tenant, bundles of 50)"
            : "FhirSync full sync to the FHIR test server (a tenant of its own, bundles of 50: the server holds every version in one Node heap)", f.FhirSink, "resources");
        RateRow(text, "the FHIR test server's own ingest, same bundles of 50 posted directly (2 in flight)", f.DirectIngest, "resources");
        RateRow(text, "naive: one message per row through RabbitMQ, one PUT per resource", f.Naive, "resources");
        text.Append("\nSeconds per run (median, min, max): ");
        text.Append(string.Join("; ", new (string, Rate?)[] { ("NDJSON full", f.Ndjson), ("NDJSON incremental", f.Incremental), ("FHIR sink", f.FhirSink), ("direct ingest", f.DirectIngest), ("naive", f.Naive) }
            .Where(pair => pair.Item2 is not null)
            .Select(pair => string.Create(Invariant, $"{pair.Item1} {pair.Item2!.Seconds.Median:F2} ({pair.Item2.Seconds.Min:F2}-{pair.Item2.Seconds.Max:F2})"))));
        text.Append(".\n");
        return text.ToString();
    }

    private string Section()
    {
        var sizes = options.Sizes;
        var loaded = double.TryParse(loadBefore.Split(' ')[0], NumberStyles.Float, Invariant, out var load) && load >= 1;
        var text = new StringBuilder();
        text.Append("## Sync pipeline\n\n")
            .Append("The real worker (`src/Worker`, Release, its own process) against real MariaDB, RabbitMQ (a virtual host of the benchmark's own) and sinks, beside ")
            .Append("the machine's own limits measured in the same run. Data: hospital-a's schema and generators (`demo/sql/hospital-a.sql`, sequence sizes scaled; ")
            .Append("organizations, patients and observations filled, the other tables empty) in one database per tenant, mapped by hospital-a's shipped mapping ")
            .Append("cut to Organization, Patient and Observation (`demo/mappings/hospital-a.json`); tenants onboarded with `fhirsync tenant add` into a fresh control ")
            .Append("database (the 1,000-tenant fleet straight into the registry). Sync times come from `sync_runs` (first start to last finish of the runs ")
            .Append("requested together), resources from `sync_source_reports`.\n\n")
            .Append(Invariant, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").Append(options.Revision is null ? "" : $", source revision {options.Revision}").Append('\n')
            .Append(Invariant, $"- Machine: {machine.Processors} processors (nproc), {machine.CpuModel}, {machine.OperatingSystem}; load average {loadBefore} before, {loadAfter} after")
            .Append(loaded ? " (the one-minute figure before includes the script's own build just before; after, the benchmark's own processes). Where other work ran beside it, every rate is lower and noisier; the ratios, measured side by side, hold better\n" : "\n")
            .Append(Invariant, $"- Runtime: {machine.Runtime}, {machine.GarbageCollector}, {machine.Configuration} build; worker with its shipped settings (pages of 5,000, 4 on-demand runs at once)\n")
            .Append(Invariant, $"- Size `{sizes.Name}`: {sizes.Patients:N0} patients + {sizes.Observations:N0} observations over {env.MainTenants.Count} tenants ")
            .Append(string.Join(", ", env.MainTenants.Select(tenant => string.Create(Invariant, $"{tenant.Source.Rows:N0}")))).Append(" rows; ")
            .Append(Invariant, $"a warm-up run, then {options.Runs} measured runs per figure; median, min and max\n")
            .Append(Invariant, $"- Command: `{options.Command}`\n\n")
            .Append(Table()).Append('\n')
            .Append(Targets())
            .Append(Stages());
        foreach (var note in figures.Notes) text.Append('\n').Append(note).Append('\n');
        return text.Append('\n').ToString();
    }

    private string Targets()
    {
        var f = figures;
        var text = new StringBuilder("| target | measured | |\n| --- | --- | --- |\n");
        if (f.Ndjson is not null && f.Scan is not null && f.BuildSerialize is not null)
        {
            var ratio = f.Ndjson.PerSecond.Median / f.LowerLimit;
            Target(text, "NDJSON ≥ 0.5 × the lower limit (min of scan and build + serialize)", string.Create(Invariant, $"{ratio:F2} ({f.Ndjson.PerSecond.Median:N0} / {f.LowerLimit:N0})"), ratio >= 0.5);
        }

        if (f.FhirSink is not null && f.DirectIngest is not null)
        {
            var ratio = f.FhirSink.PerSecond.Median / f.DirectIngest.PerSecond.Median;
            Target(text, "FHIR sink ≥ 0.8 × the server's own ingest", string.Create(Invariant, $"{ratio:F2}"), ratio >= 0.8);
        }

        if (f.FhirSink is not null && f.Naive is not null)
        {
            var ratio = f.FhirSink.PerSecond.Median / f.Naive.PerSecond.Median;
            Target(text, "FhirSync (FHIR sink) ≥ 20 × naive", string.Create(Invariant, $"{ratio:F1}×"), ratio >= 20);
        }

        if (f.Incremental is not null && f.Ndjson is not null)
        {
            var ratio = f.Incremental.Seconds.Median / f.Ndjson.Seconds.Median;
            Target(text, "incremental after 1% changed ≤ 5% of the full sync's time", string.Create(Invariant, $"{ratio:P1} ({f.Incremental.Seconds.Median:F2} s / {f.Ndjson.Seconds.Median:F2} s)"), ratio <= 0.05);
        }

        if (f.Memory is { } memory)
        {
            var ratio = (double)memory.LargePeak / memory.SmallPeak;
            Target(text, string.Create(Invariant, $"peak RSS at {memory.LargeRows:N0} rows ≤ 1.3 × at {memory.SmallRows:N0}"),
                string.Create(Invariant, $"{ratio:F2} ({memory.LargePeak / 1048576.0:F0} MiB / {memory.SmallPeak / 1048576.0:F0} MiB, VmHWM of a fresh worker per size)"), ratio <= 1.3);
        }

        if (f.Fleet is { } fleet)
        {
            Target(text, string.Create(Invariant, $"{fleet.Registered:N0} tenants, {fleet.Syncing} syncing at once: source connections never above the budget"),
                string.Create(Invariant, $"peak {fleet.PeakConnections} (SourcePools:GlobalConnectionBudget {fleet.Budget}, MaxConnectionsPerTenant {fleet.PerTenant}); worker peak RSS {fleet.PeakWorkerBytes / 1048576.0:F0} MiB; {fleet.Seconds:F1} s"),
                fleet.PeakConnections <= fleet.Budget);
        }

        if (f.OnDemand is { } onDemand)
        {
            Target(text, "small tenant's on-demand p95 while the largest syncs ≤ 2 × idle",
                string.Create(Invariant, $"busy p50 {onDemand.Busy.P50:F0} ms, p95 {onDemand.Busy.P95:F0} ms (median wait {onDemand.Busy.MedianWaitMs:F0} ms + run {onDemand.Busy.MedianRunMs:F0} ms); ") +
                string.Create(Invariant, $"idle p50 {onDemand.Idle.P50:F0} ms, p95 {onDemand.Idle.P95:F0} ms (wait {onDemand.Idle.MedianWaitMs:F0} + run {onDemand.Idle.MedianRunMs:F0}); {onDemand.Samples} requests each: {onDemand.Busy.P95 / onDemand.Idle.P95:F2}×"),
                onDemand.Busy.P95 <= 2 * onDemand.Idle.P95);
        }

        return text.ToString();
    }

    private string Stages()
    {
        var text = new StringBuilder();
        if (figures.NdjsonWorkerCores is { } ndjsonCores)
        {
            text.Append(Invariant, $"\nCPU, NDJSON full runs: the worker used {ndjsonCores.Median:F2} cores (median of its CPU seconds over wall seconds; {ndjsonCores.Min:F2}-{ndjsonCores.Max:F2}) of {Environment.ProcessorCount}");
            if (figures.NdjsonDatabaseCores is { } database) text.Append(Invariant, $", MariaDB {database.Median:F2} (shared with other work)");
            if (figures is { NdjsonWorkerCpuMicroseconds: { } worker, BuildSerializeCpuMicroseconds: { } limit })
                text.Append(Invariant, $"; the worker spent {worker.Median:F0} CPU µs per resource against {limit.Median:F0} µs for build + serialize alone");
            text.Append(".\n");
        }
        if (figures.FhirCores is { } fhirCores)
        {
            text.Append(Invariant, $"\nCPU, FHIR sink runs: the worker used {fhirCores.Worker.Median:F2} cores");
            if (fhirCores.Server is { } server) text.Append(Invariant, $", the FHIR test server (one Node thread) {server.Median:F2}");
            text.Append(".\n");
        }

        foreach (var (name, stages) in new[] { ("NDJSON", figures.NdjsonStages), ("FHIR sink", figures.FhirStages) })
        {
            if (stages is not { Pages: > 0 } s) continue;
            text.Append(Invariant, $"\nStages, {name} runs (usage_events over {s.Pages:N0} pages): source reads {s.SourceDbMs:N0} ms of {s.PageMs:N0} ms page time ")
                .Append(Invariant, $"({(double)s.SourceDbMs / Math.Max(1, s.PageMs):P0}); the rest of each page is mapping, validation, serialization and the sink.\n");
        }

        if (figures.IncrementalStages is { Pages: > 0 } incremental)
        {
            text.Append(Invariant, $"\nIncremental runs: their pages took {incremental.PageMs:N0} ms of the runs' {figures.IncrementalRunMs:N0} ms ")
                .Append(Invariant, $"({(double)incremental.PageMs / Math.Max(1, figures.IncrementalRunMs):P0}); the rest is each run's fixed work before and after its pages.\n");
        }

        if (figures is { DirectIngest: { } direct, Naive: { } naive, Ndjson: { } ndjson })
        {
            text.Append(Invariant, $"\nThe FHIR test server's own ingest is {direct.PerSecond.Median / naive.PerSecond.Median:F1}× the naive pipeline: the most any sink into this server could reach. ")
                .Append(Invariant, $"FhirSync to NDJSON is {ndjson.PerSecond.Median / naive.PerSecond.Median:F1}× the naive pipeline.\n");
        }

        if (figures.NdjsonProfile is { } profile) text.Append(Profile(profile));
        return text.ToString();
    }

    /// <summary>The trace's top methods, as dotnet-trace reports them, less the waits.</summary>
    private static string Profile(ProfileSummary profile)
    {
        var text = new StringBuilder("\nProfile of the worker over one more NDJSON full run (`dotnet-trace collect --profile dotnet-sampled-thread-time`, ")
            .Append("then `dotnet-trace report topN`). It samples every thread, running or blocked; the frames where threads wait for work ")
            .Append(Invariant, $"were left out, and the shares are of the {profile.BusyPercent:F1} % of samples left, close to CPU time. `Missing Symbol` is native code ")
            .Append("called from managed threads (OpenSSL, the runtime). Async continuations run inline under the frame that completed them, so an inclusive ")
            .Append("share can hold its caller's work too. Where the time was (exclusive):\n\n")
            .Append("| method | exclusive | inclusive |\n| --- | ---: | ---: |\n");
        foreach (var line in profile.Exclusive.Take(15)) ProfileRow(text, line);
        text.Append("\nWhat it ran under (inclusive), FhirSync's and its libraries' frames:\n\n| method | inclusive | exclusive |\n| --- | ---: | ---: |\n");
        foreach (var line in profile.Inclusive.Take(25)) ProfileRow(text, line, inclusiveFirst: true);
        if (profile.Counters is { } c)
        {
            text.Append(Invariant, $"\nRuntime counters over the same run (`dotnet-counters collect --counters System.Runtime`, means over the {c.Seconds} busy seconds): ")
                .Append(Invariant, $"{c.Cores:F2} cores; GC pauses {c.GcPausePercent:F1} % of the time; {c.AllocatedMegabytesPerSecond:N0} MB/s allocated; ")
                .Append(Invariant, $"collections per second gen0 {c.Gen0PerSecond:F1}, gen1 {c.Gen1PerSecond:F1}, gen2 {c.Gen2PerSecond:F2}; ")
                .Append(Invariant, $"{c.LockContentionsPerSecond:N0} lock contentions/s; thread pool {c.ThreadPoolThreads:F0} threads, {c.ThreadPoolQueueLength:F1} queued; ")
                .Append(Invariant, $"working set peak {c.PeakWorkingSetMegabytes:N0} MiB.\n");
        }

        return text.ToString();
    }

    private static void ProfileRow(StringBuilder text, ProfileLine line, bool inclusiveFirst = false)
    {
        var method = line.Method.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
        var (first, second) = inclusiveFirst ? (line.InclusivePercent, line.ExclusivePercent) : (line.ExclusivePercent, line.InclusivePercent);
        text.Append(Invariant, $"| `{method}` | {first:F1} % | {second:F1} % |\n");
    }

    private static void Target(StringBuilder text, string target, string measured, bool met) =>
        text.Append(Invariant, $"| {target} | {measured} | {(met ? "met" : "**missed**")} |\n");

    private static void RateRow(StringBuilder text, string name, Rate? rate, string unit)
    {
        if (rate is null) return;
        text.Append(Invariant, $"| {name} | {rate.ItemsPerRun:N0} {unit} | {rate.PerSecond.Median:N0}/s | {rate.PerSecond.Min:N0}/s | {rate.PerSecond.Max:N0}/s |\n");
    }
}
