using System.Diagnostics;
using FhirSync.Mapping.Compilation;

namespace FhirSync.Sync.Benchmarks;

/// <summary>The limits, the full and incremental syncs to NDJSON, the FHIR sink beside the server's own ingest, and the naive pipeline.</summary>
internal sealed class ThroughputScenarios(BenchEnvironment env, Figures figures, TextWriter log)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromHours(2);
    private readonly Dictionary<string, CompiledResourceMapper> _mappers = [];
    private readonly Dictionary<string, List<object?[]>> _keptRows = [];

    private int Runs => env.Options.Runs;

    private CompiledResourceMapper Mapper(string resourceType) =>
        _mappers.TryGetValue(resourceType, out var mapper) ? mapper : _mappers[resourceType] = BenchMapping.Compiled(env.MappingDocument, "bench-limits", resourceType);

    /// <summary>Scan every main tenant's patients and observations; build and serialize the largest tenant's (up to 200,000 rows a type).</summary>
    public async Task LimitsAsync(CancellationToken cancellationToken)
    {
        var scanRates = new List<double>();
        var buildRates = new List<double>();
        var buildCpu = new List<double>();
        long scanned = 0;
        string[] types = ["Patient", "Observation"];
        for (var run = 0; run < Runs; run++)
        {
            scanned = 0;
            var scanTime = TimeSpan.Zero;
            foreach (var (_, source) in env.MainTenants)
            {
                foreach (var type in types)
                {
                    var keep = source == env.MainTenants[0].Source && run == 0 ? 200_000 : 0;
                    var (rows, elapsed, kept) = await MachineLimits.ScanAsync(env.ConnectionString(source), Mapper(type), keep, cancellationToken);
                    scanned += rows;
                    scanTime += elapsed;
                    if (keep > 0) _keptRows[type] = kept;
                }
            }

            scanRates.Add(scanned / scanTime.TotalSeconds);
            // Weighted as the data set is: the time to build every row of each type at that type's rate.
            var totalPatients = env.MainTenants.Sum(tenant => (long)tenant.Source.Patients);
            var totalObservations = env.MainTenants.Sum(tenant => (long)tenant.Source.Observations);
            var (seconds, cpuSeconds) = (0.0, 0.0);
            foreach (var (type, count) in (ReadOnlySpan<(string, long)>)[("Patient", totalPatients), ("Observation", totalObservations)])
            {
                if (run == 0) MachineLimits.BuildAndSerialize(Mapper(type), _keptRows[type]); // warm-up: tiered JIT, first-shape validation
                var (elapsed, cpu) = MachineLimits.BuildAndSerialize(Mapper(type), _keptRows[type]);
                seconds += count * elapsed.TotalSeconds / _keptRows[type].Count;
                cpuSeconds += count * cpu.TotalSeconds / _keptRows[type].Count;
            }

            buildRates.Add((totalPatients + totalObservations) / seconds);
            buildCpu.Add(cpuSeconds * 1e6 / (totalPatients + totalObservations));
            log.WriteLine($"limits run {run + 1}: scan {scanRates[^1]:N0} rows/s, build+serialize {buildRates[^1]:N0} resources/s");
        }

        figures.Scan = new Rate(Stats.Of(scanRates), scanned, Stats.Of(scanRates.Select(rate => scanned / rate)));
        figures.BuildSerialize = new Rate(Stats.Of(buildRates), scanned, Stats.Of(buildRates.Select(rate => scanned / rate)));
        figures.BuildSerializeCpuMicroseconds = Stats.Of(buildCpu);
    }

    /// <summary>Every main tenant at once, full resync to NDJSON: a warm-up, then the measured runs; then incremental runs after 1% changed.</summary>
    public async Task NdjsonAsync(int workerId, CancellationToken cancellationToken)
    {
        var tenants = env.MainTenants.Select(tenant => tenant.TenantId).ToList();
        await SyncAllAsync(tenants, fullResync: true, cancellationToken);
        var full = new List<(double Seconds, long Written)>();
        var runIds = new List<Guid>();
        var cores = new List<double>();
        var cpuPerResource = new List<double>();
        var databaseCores = new List<double>();
        var database = ProcessStatus.Find("mariadbd");
        for (var run = 0; run < Runs; run++)
        {
            var (cpu, databaseCpu) = (ProcessStatus.CpuSeconds(workerId), database is { } id ? ProcessStatus.CpuSeconds(id) : 0);
            var wall = Stopwatch.StartNew();
            var (seconds, written, ids) = await SyncAllAsync(tenants, fullResync: true, cancellationToken);
            var used = ProcessStatus.CpuSeconds(workerId) - cpu;
            cores.Add(used / wall.Elapsed.TotalSeconds);
            cpuPerResource.Add(used * 1e6 / written);
            if (database is { } server) databaseCores.Add((ProcessStatus.CpuSeconds(server) - databaseCpu) / wall.Elapsed.TotalSeconds);
            full.Add((seconds, written));
            runIds.AddRange(ids);
            log.WriteLine($"ndjson full run {run + 1}: {written:N0} resources in {seconds:F2} s");
        }

        figures.Ndjson = RateOf(full);
        figures.NdjsonWorkerCores = Stats.Of(cores);
        figures.NdjsonWorkerCpuMicroseconds = Stats.Of(cpuPerResource);
        figures.NdjsonDatabaseCores = databaseCores.Count > 0 ? Stats.Of(databaseCores) : null;
        figures.NdjsonStages = await env.Runs.PagesAsync(runIds, cancellationToken);
        // One more full run, traced apart from the measured ones (sampling slows the worker a little).
        figures.NdjsonProfile = await WorkerProfile.TraceAsync(env.RepositoryRoot, workerId, TimeSpan.FromSeconds(full.Max(run => run.Seconds) * 1.2 + 2),
            Path.Combine(env.Options.WorkDirectory, "ndjson-full.nettrace"),
            () => SyncAllAsync(tenants, fullResync: true, cancellationToken), log, cancellationToken);

        var incremental = new List<(double Seconds, long Written)>();
        var incrementalIds = new List<Guid>();
        for (var run = 0; run < Runs; run++)
        {
            long changed = 0;
            foreach (var (_, source) in env.MainTenants) changed += await env.Sources.ChangeOnePercentAsync(source, run + 1, cancellationToken);
            var (seconds, written, ids) = await SyncAllAsync(tenants, fullResync: false, cancellationToken);
            incrementalIds.AddRange(ids);
            incremental.Add((seconds, written));
            figures.IncrementalChangedRows = changed;
            log.WriteLine($"ndjson incremental run {run + 1}: {changed:N0} rows changed, {written:N0} resources in {seconds:F2} s");
        }

        figures.Incremental = RateOf(incremental);
        figures.IncrementalStages = await env.Runs.PagesAsync(incrementalIds, cancellationToken);
        figures.IncrementalRunMs = (long)(await env.Runs.WaitAsync(incrementalIds, RunTimeout, cancellationToken)).Sum(run => run.Duration.TotalMilliseconds);
    }

    /// <summary>The largest tenant's data into the FHIR test server through the worker, then the same kind of bundles posted directly.</summary>
    public async Task FhirAsync(int workerId, CancellationToken cancellationToken)
    {
        await SyncAllAsync([BenchEnvironment.FhirTenant], fullResync: true, cancellationToken);
        // As many of each type as the FHIR tenant holds, from the rows the limits kept.
        var counts = new Dictionary<string, int> { ["Patient"] = env.FhirSource.Patients, ["Observation"] = env.FhirSource.Observations };
        var sources = _keptRows.Select(pair => (Mapper(pair.Key), (IReadOnlyList<object?[]>)pair.Value.Take(counts[pair.Key]).ToList())).ToList();
        var bundles = DirectIngest.Bundles(env.FhirServer.BaseUrl, sources);
        var resources = sources.Sum(source => (long)source.Item2.Count);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await DirectIngest.PostAsync(http, env.FhirServer.BaseUrl, bundles.Take(20).ToList(), cancellationToken);
        var viaWorker = new List<(double, long)>();
        var direct = new List<(double, long)>();
        var runIds = new List<Guid>();
        var workerCores = new List<double>();
        var serverCores = new List<double>();
        var serverId = ProcessStatus.FindChild("server.mjs");
        for (var run = 0; run < Runs; run++)
        {
            var (workerCpu, serverCpu) = (ProcessStatus.CpuSeconds(workerId), serverId is { } id ? ProcessStatus.CpuSeconds(id) : 0);
            var wall = Stopwatch.StartNew();
            var (seconds, written, ids) = await SyncAllAsync([BenchEnvironment.FhirTenant], fullResync: true, cancellationToken);
            workerCores.Add((ProcessStatus.CpuSeconds(workerId) - workerCpu) / wall.Elapsed.TotalSeconds);
            if (serverId is { } server) serverCores.Add((ProcessStatus.CpuSeconds(server) - serverCpu) / wall.Elapsed.TotalSeconds);
            viaWorker.Add((seconds, written));
            runIds.AddRange(ids);
            var elapsed = await DirectIngest.PostAsync(http, env.FhirServer.BaseUrl, bundles, cancellationToken);
            direct.Add((elapsed.TotalSeconds, resources));
            log.WriteLine($"fhir run {run + 1}: worker {written / seconds:N0} resources/s, direct {resources / elapsed.TotalSeconds:N0} resources/s");
        }

        figures.FhirSink = RateOf(viaWorker);
        figures.FhirCores = (Stats.Of(workerCores), serverCores.Count > 0 ? Stats.Of(serverCores) : null);
        figures.DirectIngest = RateOf(direct);
        figures.FhirStages = await env.Runs.PagesAsync(runIds, cancellationToken);
    }

    /// <summary>The naive pipeline over a slice of the largest tenant's rows (a third patients), into the same FHIR server.</summary>
    public async Task NaiveAsync(CancellationToken cancellationToken)
    {
        var rows = env.Options.Sizes.NaiveRows;
        List<(CompiledResourceMapper, IReadOnlyList<object?[]>)> sources =
        [
            (Mapper("Patient"), _keptRows["Patient"].Take(rows / 3).ToList()),
            (Mapper("Observation"), _keptRows["Observation"].Take(rows - (rows / 3)).ToList()),
        ];
        var count = sources.Sum(source => (long)source.Item2.Count);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var pipeline = new NaivePipeline(env.Broker.Url, env.FhirServer.BaseUrl, http);
        var results = new List<(double, long)>();
        for (var run = 0; run < Runs; run++)
        {
            var elapsed = await pipeline.RunAsync(sources, cancellationToken);
            results.Add((elapsed.TotalSeconds, count));
            log.WriteLine($"naive run {run + 1}: {count:N0} rows in {elapsed.TotalSeconds:F2} s");
        }

        figures.Naive = RateOf(results);
    }

    /// <summary>Requests a sync of every tenant at once; the wall time runs from the first start to the last finish in sync_runs.</summary>
    public async Task<(double Seconds, long Written, List<Guid> RunIds)> SyncAllAsync(IReadOnlyList<string> tenants, bool fullResync, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var tenant in tenants) ids.Add(await env.Broker.RequestSyncAsync(tenant, fullResync, cancellationToken));
        var runs = await env.Runs.WaitAsync(ids, RunTimeout, cancellationToken);
        var seconds = (runs.Max(run => run.FinishedAt) - runs.Min(run => run.StartedAt)).TotalSeconds;
        return (seconds, runs.Sum(run => run.Written), ids);
    }

    private static Rate RateOf(IReadOnlyList<(double Seconds, long Items)> runs) =>
        new(Stats.Of(runs.Select(run => run.Items / run.Seconds)), runs[0].Items, Stats.Of(runs.Select(run => run.Seconds)));
}
