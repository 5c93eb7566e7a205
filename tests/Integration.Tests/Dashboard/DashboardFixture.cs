using FhirSync.ControlPlane.Breakers;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Dashboard;

/// <summary>
/// Writes what the workers would have written long ago straight into the control database, through the stores they
/// use: runs of hours past, their figures, usage events and another worker's breaker reports.
/// </summary>
internal sealed class DashboardFixture(string controlDatabase) : IAsyncDisposable
{
    private readonly MySqlDataSource _database = new(controlDatabase);

    /// <summary>A sync requested, started and succeeded <paramref name="ago"/>, with one source's figures.</summary>
    public async Task<Guid> SucceededRunAsync(string tenant, TimeSpan ago, long read, long written, long rejected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow - ago);
        var runs = new RunStore(_database, new ReconciliationStore(_database, clock), clock);
        var request = Request(tenant, clock.GetUtcNow() - TimeSpan.FromMinutes(2));
        await runs.RecordRequestedAsync(request, default);
        await new ReconciliationStore(_database, clock).AddToReportsAsync(
            [new SourceReport(request.TenantId, request.RunId, "Patient", "people", false, read, read, written, rejected, 0, null, clock.GetUtcNow(), 90_000)], final: true, default);
        await runs.MarkSucceededAsync(request.RunId, default);
        return request.RunId;
    }

    /// <summary>A run requested a few minutes ago and deferred at <paramref name="stage"/>, as an open breaker defers it.</summary>
    public async Task<Guid> DeferredRunAsync(string tenant, string stage, string reason)
    {
        var runs = new RunStore(_database, new ReconciliationStore(_database, TimeProvider.System), TimeProvider.System);
        var request = Request(tenant, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(3));
        await runs.RecordRequestedAsync(request, default);
        await runs.MarkDeferredAsync(request.RunId, stage, reason, default);
        return request.RunId;
    }

    /// <summary>One page of usage <paramref name="ago"/>.</summary>
    public async Task UsageAsync(string tenant, TimeSpan ago, long read, long written)
    {
        var key = $"fixture:{tenant}:{ago.Ticks}";
        await new UsageStore(_database).RecordAsync(new UsageEvent(UsageEvent.IdOf(key), key, TenantId.Parse(tenant), null, UsageEvent.SyncPage, "Patient", read, written,
            written * 400, 50, 200, written / 1000m, DateTimeOffset.UtcNow - ago), default);
    }

    public Task BreakerReportAsync(string tenant, string dependency, string worker, string state) =>
        new BreakerStateStore(_database).RecordAsync(new BreakerStateReport(TenantId.Parse(tenant), dependency, worker, state, DateTimeOffset.UtcNow), default);

    public Task<IReadOnlyList<BreakerStateReport>> BreakerReportsAsync() => new BreakerStateStore(_database).ListAsync(default);

    public Task<SyncRun?> RunAsync(Guid runId) => new RunStore(_database, new ReconciliationStore(_database, TimeProvider.System), TimeProvider.System).FindAsync(runId, default);

    private static RunRequest Request(string tenant, DateTimeOffset requestedAt) =>
        new(Guid.NewGuid(), TenantId.Parse(tenant), RunKinds.Sync, "schedule", false, null, requestedAt);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
