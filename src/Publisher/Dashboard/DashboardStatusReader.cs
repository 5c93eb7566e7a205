using FhirSync.ControlPlane.Breakers;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Dashboard;

/// <summary>
/// Reads the page's status from the control database and the broker. Viewers polling within half a refresh interval
/// share one read, so more open tabs do not mean more load on the control database.
/// </summary>
internal sealed class DashboardStatusReader(TenantRegistry registry, RunStore runs, BreakerStateStore breakers, UsageStore usage, RabbitMqQueues queues,
    IOptions<DashboardOptions> options, TimeProvider timeProvider) : IDisposable
{
    private const int TenantsReadAtOnce = 4;
    private readonly DashboardOptions _options = options.Value;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DashboardStatus? _latest;

    public async Task<DashboardStatus> ReadAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } recent && timeProvider.GetUtcNow() - recent.GeneratedAt < TimeSpan.FromSeconds(_options.RefreshSeconds) / 2) return recent;
            return _latest = await ReadNowAsync(cancellationToken);
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<DashboardStatus> ReadNowAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var queueStatus = queues.ReadAsync(cancellationToken);
        var usageChart = UsageAsync(now, cancellationToken);
        var summaries = new BreakerSummaries(await breakers.ListAsync(cancellationToken));
        var tenants = await registry.ListAsync(enabledOnly: false, cancellationToken);
        var tenantRuns = new IReadOnlyList<SyncRun>[tenants.Count];
        var statuses = new TenantStatus[tenants.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, tenants.Count), new ParallelOptions { MaxDegreeOfParallelism = TenantsReadAtOnce, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                tenantRuns[index] = await runs.ListAsync(tenants[index].TenantId, _options.RunsPerTenant, token);
                statuses[index] = await StatusOfAsync(tenants[index], TenantRuns.Of(tenantRuns[index]), summaries, now, token);
            });
        return new DashboardStatus(now, _options.RefreshSeconds, statuses, RecentErrors(tenantRuns.SelectMany(list => list)), await queueStatus, await usageChart);
    }

    private async Task<TenantStatus> StatusOfAsync(TenantRegistration tenant, TenantRuns picked, BreakerSummaries summaries, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var lastSucceededAt = picked.LastSucceeded?.FinishedAt;
        return new TenantStatus(tenant.TenantId.Value, tenant.DisplayName, tenant.Enabled, tenant.ScheduleCron, tenant.ScheduleTimeZone,
            await SummaryAsync(picked.Current, cancellationToken), await SummaryAsync(picked.Last, cancellationToken), lastSucceededAt,
            lastSucceededAt is { } at ? (long)Math.Max(0, (now - at).TotalSeconds) : null,
            summaries.Of(tenant.TenantId, "source"), summaries.Of(tenant.TenantId, "sink"));
    }

    /// <summary>The run with its figures per source, which only <see cref="RunStore.FindAsync"/> reads.</summary>
    private async Task<RunSummary?> SummaryAsync(SyncRun? run, CancellationToken cancellationToken) =>
        run is null ? null : RunSummary.Of(await runs.FindAsync(run.RunId, cancellationToken) ?? run);

    private IReadOnlyList<RecentError> RecentErrors(IEnumerable<SyncRun> all) => [.. all
        .Where(run => run.State is RunStates.Failed or RunStates.Deferred && run.FailureReason is not null)
        .OrderByDescending(run => run.UpdatedAt)
        .Take(_options.RecentErrors)
        .Select(run => new RecentError(run.Request.TenantId.Value, run.RunId, run.State, run.FailureStage, run.FailureReason, run.UpdatedAt))];

    private async Task<UsageChart> UsageAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = now - _options.UsageWindow;
        var points = await usage.SeriesAsync(null, from, now, _options.UsageBucket, cancellationToken);
        return new UsageChart(from, now, (long)_options.UsageBucket.TotalSeconds, [.. points.GroupBy(point => point.TenantId)
            .Select(series => new UsageSeries(series.Key.Value, [.. series.Select(point => new UsageBucket(point.BucketStart, point.RowsRead, point.ResourcesWritten))]))]);
    }

    public void Dispose() => _reading.Dispose();
}
