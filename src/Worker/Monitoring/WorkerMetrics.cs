using System.Diagnostics.Metrics;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Tenancy.Pools;

namespace FhirSync.Worker.Monitoring;

/// <summary>
/// The worker's instruments on the <c>FhirSync.Worker</c> meter. Every measurement carries the tenant id and nothing
/// else: resource types, tables and run ids would multiply the series, and no value from a row may become a label.
/// </summary>
internal sealed class WorkerMetrics
{
    public const string MeterName = "FhirSync.Worker";
    public const string RunDuration = "fhirsync_run_duration";
    private const string TenantLabel = "tenant_id";
    // A failure before the tenant was resolved: the message's tenant id may be anything, so it never becomes a label.
    private const string UnknownTenant = "unknown";
    private readonly Counter<long> _rowsRead;
    private readonly Counter<long> _resourcesWritten;
    private readonly Counter<long> _rowsRejected;
    private readonly Counter<long> _runFailures;
    private readonly Histogram<double> _runDuration;

    public WorkerMetrics(IMeterFactory meters, TenantBreakers breakers, TenantSourcePools pools)
    {
        var meter = meters.Create(MeterName);
        _rowsRead = meter.CreateCounter<long>("fhirsync_rows_read", "{row}", "Rows read from the tenant's source by completed runs");
        _resourcesWritten = meter.CreateCounter<long>("fhirsync_resources_written", "{resource}", "Resources written to the tenant's sink by completed runs");
        _rowsRejected = meter.CreateCounter<long>("fhirsync_rows_rejected", "{row}", "Rows of completed runs rejected by the mapping or the store");
        _runFailures = meter.CreateCounter<long>("fhirsync_run_failures", "{failure}", "Failed run attempts (retried, deferred or sent to the error queue)");
        _runDuration = meter.CreateHistogram<double>(RunDuration, "s", "Time one run, or one slice of a long run, took in this worker");
        meter.CreateObservableGauge("fhirsync_source_breaker_open", () => BreakerStates(breakers, TenantDependency.Source),
            description: "1 while the tenant's source breaker is open, 0 while it is closed or half-open");
        meter.CreateObservableGauge("fhirsync_sink_breaker_open", () => BreakerStates(breakers, TenantDependency.Sink),
            description: "1 while the tenant's sink breaker is open, 0 while it is closed or half-open");
        meter.CreateObservableGauge("fhirsync_source_pool_open_connections", () => PerTenant(pools.OpenConnectionsByTenant), "{connection}",
            "Source connections the tenant's pool holds open, leased or idle");
        meter.CreateObservableGauge("fhirsync_source_pool_idle_connections", () => PerTenant(pools.IdleConnectionsByTenant), "{connection}",
            "Open source connections of the tenant's pool waiting for a lease");
    }

    /// <summary>A run ended with all its sources synced; <paramref name="resources"/> are the whole run's figures, every slice's.</summary>
    public void RunCompleted(TenantId tenant, IReadOnlyList<ResourceSyncCount> resources, TimeSpan elapsed)
    {
        var label = Label(tenant.Value);
        _rowsRead.Add(resources.Sum(r => r.RowsRead), label);
        _resourcesWritten.Add(resources.Sum(r => r.ResourcesWritten), label);
        _rowsRejected.Add(resources.Sum(r => r.RowsRejected), label);
        _runDuration.Record(elapsed.TotalSeconds, label);
    }

    /// <summary>A slice ended with more to read; its rows are counted when the run completes, with the run's figures.</summary>
    public void SliceEnded(TenantId tenant, TimeSpan elapsed) => _runDuration.Record(elapsed.TotalSeconds, Label(tenant.Value));

    public void RunFailed(TenantId? tenant) => _runFailures.Add(1, Label(tenant?.Value ?? UnknownTenant));

    private static IEnumerable<Measurement<int>> BreakerStates(TenantBreakers breakers, TenantDependency dependency) =>
        breakers.Snapshot().Where(b => b.Key.Dependency == dependency).Select(b => new Measurement<int>(b.IsOpen ? 1 : 0, Label(b.Key.Tenant.Value)));

    private static IEnumerable<Measurement<int>> PerTenant(IReadOnlyDictionary<TenantId, int> counts) =>
        counts.Select(c => new Measurement<int>(c.Value, Label(c.Key.Value)));

    private static KeyValuePair<string, object?> Label(string tenant) => new(TenantLabel, tenant);
}
