using System.Diagnostics;
using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>On-demand latency beside a large sync, peak memory at two sizes, and connections with a thousand tenants.</summary>
internal sealed class ResourceScenarios(BenchEnvironment env, Figures figures, TextWriter log)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The small tenant's full resync requested one at a time, latency from request to finish (sync_runs): first with
    /// nothing else running, then while the largest tenant is kept syncing (a new full resync as soon as one ends).
    /// </summary>
    public async Task OnDemandAsync(CancellationToken cancellationToken)
    {
        var samples = env.Options.Sizes.OnDemandSamples;
        await SampleAsync(2, cancellationToken); // warm-up
        var idle = await SampleAsync(samples, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var largest = env.MainTenants[0].TenantId;
        var background = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = await env.Broker.RequestSyncAsync(largest, fullResync: true, CancellationToken.None);
                await env.Runs.WaitAsync([id], RunTimeout, CancellationToken.None);
            }
        }, CancellationToken.None);
        await WaitUntilRunningAsync(largest, cancellationToken);
        var busy = await SampleAsync(samples, cancellationToken);
        await stop.CancelAsync();
        await background;

        figures.OnDemand = new OnDemandLatency(LatencyOf(idle), LatencyOf(busy), samples);
        log.WriteLine($"on-demand p50/p95 idle {figures.OnDemand.Idle.P50:F0}/{figures.OnDemand.Idle.P95:F0} ms, busy {figures.OnDemand.Busy.P50:F0}/{figures.OnDemand.Busy.P95:F0} ms");
    }

    /// <summary>A fresh worker per size and run, one full sync of the tenant, then its peak resident memory (VmHWM); the median per size.</summary>
    public async Task MemoryAsync(CancellationToken cancellationToken)
    {
        var (smallPeaks, largePeaks) = (new List<double>(), new List<double>());
        for (var run = 0; run < env.Options.Runs; run++)
        {
            smallPeaks.Add(await PeakAfterSyncAsync(BenchEnvironment.MemorySmallTenant, "memory-small", cancellationToken));
            largePeaks.Add(await PeakAfterSyncAsync(BenchEnvironment.MemoryLargeTenant, "memory-large", cancellationToken));
        }

        var (small, large) = ((long)Stats.Of(smallPeaks).Median, (long)Stats.Of(largePeaks).Median);
        figures.Memory = (env.MemorySmallSource.Rows, small, env.MemoryLargeSource.Rows, large);
        log.WriteLine($"memory: {small / 1048576.0:F0} MiB at {env.MemorySmallSource.Rows:N0} rows, {large / 1048576.0:F0} MiB at {env.MemoryLargeSource.Rows:N0}");
    }

    /// <summary>
    /// Registers the fleet (all reading one small database with one shared login, so PROCESSLIST counts their
    /// connections exactly), starts a worker that takes 50 runs at once under a budget below that, requests 50 syncs
    /// together and samples the login's connections and the worker's memory until they finish.
    /// </summary>
    public async Task FleetAsync(CancellationToken cancellationToken)
    {
        var sizes = env.Options.Sizes;
        const int budget = 16, perTenant = 4;
        var tenants = Enumerable.Range(1, sizes.FleetTenants).Select(n => $"bench-fleet-{n:D4}").ToList();
        await env.Control.AddManyAsync(tenants, env.ConnectionString(env.FleetSource), env.MappingDocument, cancellationToken);
        var settings = env.WorkerSettings("fleet");
        settings["RabbitMq:ConcurrentSyncs"] = sizes.FleetSyncing.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["SourcePools:GlobalConnectionBudget"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["SourcePools:MaxConnectionsPerTenant"] = perTenant.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["SourcePools:AcquireTimeout"] = "00:05:00";
        await using var worker = await env.StartWorkerAsync("fleet", settings, cancellationToken);

        await using var admin = await env.Sources.OpenAdminAsync(cancellationToken);
        var peakConnections = 0;
        long peakMemory = 0;
        var ids = new List<Guid>();
        var clock = Stopwatch.StartNew();
        foreach (var tenant in tenants.Take(sizes.FleetSyncing)) ids.Add(await env.Broker.RequestSyncAsync(tenant, fullResync: true, cancellationToken));
        var runs = env.Runs.WaitAsync(ids, RunTimeout, cancellationToken);
        var (samples, over) = (0, 0);
        string? overStates = null;
        while (!runs.IsCompleted)
        {
            var connections = await ConnectionsAsync(admin, env.FleetSource.Login, cancellationToken);
            peakConnections = Math.Max(peakConnections, connections);
            samples++;
            if (connections > budget && over++ == 0) overStates = await StatesAsync(admin, env.FleetSource.Login, cancellationToken);
            peakMemory = Math.Max(peakMemory, ProcessStatus.ResidentBytes(worker.Id));
            await Task.Delay(20, cancellationToken);
        }

        await runs;
        if (over > 0)
        {
            figures.Notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Fleet: {over} of {samples} PROCESSLIST samples (every 20 ms) counted more of the fleet login's connections than the budget; the first such sample's connections, as command:state, were {overStates}."));
        }

        figures.Fleet = (tenants.Count, sizes.FleetSyncing, budget, perTenant, peakConnections, ProcessStatus.PeakResidentBytes(worker.Id), clock.Elapsed.TotalSeconds);
        log.WriteLine($"fleet: {tenants.Count} tenants, {sizes.FleetSyncing} at once: peak {peakConnections} source connections (budget {budget}), peak RSS {ProcessStatus.PeakResidentBytes(worker.Id) / 1048576.0:F0} MiB");
    }

    private static LatencySample LatencyOf(IReadOnlyList<RunTiming> runs)
    {
        var latencies = runs.Select(run => run.Latency.TotalMilliseconds).Order().ToList();
        return new LatencySample(Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.95),
            Stats.Of(runs.Select(run => (run.StartedAt - run.RequestedAt).TotalMilliseconds)).Median, Stats.Of(runs.Select(run => run.Duration.TotalMilliseconds)).Median);
    }

    private async Task<long> PeakAfterSyncAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        await using var worker = await env.StartWorkerAsync(name, env.WorkerSettings(name), cancellationToken);
        var id = await env.Broker.RequestSyncAsync(tenant, fullResync: true, cancellationToken);
        await env.Runs.WaitAsync([id], RunTimeout, cancellationToken);
        return ProcessStatus.PeakResidentBytes(worker.Id);
    }

    private async Task<List<RunTiming>> SampleAsync(int count, CancellationToken cancellationToken)
    {
        var runs = new List<RunTiming>();
        for (var i = 0; i < count; i++)
        {
            var id = await env.Broker.RequestSyncAsync(BenchEnvironment.OnDemandTenant, fullResync: true, cancellationToken);
            runs.Add((await env.Runs.WaitAsync([id], RunTimeout, cancellationToken))[0]);
        }

        return runs;
    }

    private async Task WaitUntilRunningAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var command = env.Control.DataSource.CreateCommand("SELECT COUNT(*) FROM sync_runs WHERE tenant_id = @tenant AND state = 'running'");
        command.Parameters.Add(new MySqlParameter("@tenant", tenant));
        for (var i = 0; i < 600 && Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 0; i++) await Task.Delay(50, cancellationToken);
    }

    private static async Task<string> StatesAsync(MySqlConnection admin, string login, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT GROUP_CONCAT(CONCAT(COMMAND, ':', COALESCE(STATE, ''), ' ', TIME_MS, 'ms') ORDER BY TIME_MS SEPARATOR ', ') FROM information_schema.PROCESSLIST WHERE USER = @login", admin);
        command.Parameters.AddWithValue("@login", login);
        return await command.ExecuteScalarAsync(cancellationToken) as string ?? "none";
    }

    private static async Task<int> ConnectionsAsync(MySqlConnection admin, string login, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = @login", admin);
        command.Parameters.AddWithValue("@login", login);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
