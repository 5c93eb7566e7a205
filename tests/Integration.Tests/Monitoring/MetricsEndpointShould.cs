using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>
/// What Prometheus scrapes from a worker after real syncs: each tenant's own figures under its tenant label, and no
/// other label a run could multiply (resource type, table, run id) or fill with data.
/// </summary>
[Collection(RealServices.Name)]
public sealed class MetricsEndpointShould(ServicesFixture services)
{
    [Fact]
    public async Task ShowEachTenantsRowsAndResourcesUnderItsTenantLabelOnly()
    {
        await using var tenants = await MonitoredTenants.CreateAsync(services, "metrics", 0, 4);
        var (small, large) = (tenants.Ids[0], tenants.Ids[1]);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(tenants.Settings);
        using var scrape = new MonitoringClient(worker);

        await MonitoredTenants.SyncAsync(events, small);
        await MonitoredTenants.SyncAsync(events, large);
        var samples = await Eventually.ValueAsync(scrape.ScrapeAsync, s => Value(s, "fhirsync_rows_read_total", large) == 7, "the second run's rows in /metrics",
            describe: s => string.Join("; ", s.Where(x => x.Name.StartsWith("fhirsync_", StringComparison.Ordinal))));

        Assert.Equal(3, Value(samples, "fhirsync_rows_read_total", small));
        Assert.Equal(3, Value(samples, "fhirsync_resources_written_total", small));
        Assert.Equal(7, Value(samples, "fhirsync_resources_written_total", large));
        Assert.Equal(0, Value(samples, "fhirsync_rows_rejected_total", large));
        Assert.Equal(1, Value(samples, "fhirsync_run_duration_seconds_count", small));
        Assert.Equal(0, Value(samples, "fhirsync_source_breaker_open", small));
        Assert.Equal(0, Value(samples, "fhirsync_sink_breaker_open", large));
        Assert.NotNull(Value(samples, "fhirsync_source_pool_open_connections", large));
        Assert.NotNull(Value(samples, "fhirsync_source_pool_idle_connections", large));
        var ours = samples.Where(s => s.Name.StartsWith("fhirsync_", StringComparison.Ordinal)).ToList();
        Assert.All(ours, sample => Assert.Equal("FhirSync.Worker", sample.Labels[PrometheusSample.ScopeLabel]));
        Assert.All(ours, sample => Assert.Equal(sample.Name.EndsWith("_bucket", StringComparison.Ordinal) ? ["tenant_id", "le"] : ["tenant_id"], sample.OwnLabels));
        Assert.Equal([small, large], ours.Select(s => s.Labels["tenant_id"]).Distinct().Order());
    }

    private static double? Value(IReadOnlyList<PrometheusSample> samples, string name, string tenant) =>
        samples.SingleOrDefault(s => s.Name == name && s.Labels.GetValueOrDefault("tenant_id") == tenant)?.Value;
}
