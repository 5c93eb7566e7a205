using System.Net;
using FhirSync.ControlPlane.Breakers;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Intake;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Dashboard;

/// <summary>
/// An operator opens <c>fhirsync dashboard</c> in a real browser (headless Chromium) over a control database with four
/// tenants: one synced just now by a real worker, one whose real sync failed on a missing column, one last synced two
/// hours ago whose current run waits behind a source breaker the worker opened, and one disabled that never ran.
/// </summary>
[Collection(RealServices.Name)]
public sealed class DashboardShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Synced = "dash-ok-0";
    private const string Broken = "dash-bad-0";
    private const string Late = "dash-late-0";
    private const string Disabled = "dash-off-0";
    private const string HostileName = "<img src=x onerror=alert(1)> & Sons \"Clinic\"";
    private const string MissingColumnMapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"],
          "elements": [ { "path": "name[0].family", "column": "family_name" }, { "path": "name[0].given[0]", "column": "given_name" } ] } ] }
        """;

    private FaultEnvironment _tenants = null!;

    public async Task InitializeAsync()
    {
        _tenants = await FaultEnvironment.CreateAsync(services, "dashboard");
        await _tenants.AddTenantsAsync("dash-ok", 1, 3, scheduleCron: "0 30 1 * * ?");
        await _tenants.AddTenantsAsync("dash-bad", 1, 3, mapping: MissingColumnMapping);
        await _tenants.AddTenantsAsync("dash-late", 1, 3, scheduleCron: "0 0 */6 * * ?");
        await _tenants.AddTenantsAsync("dash-off", 1, 3);
        var registry = await TestWorker.RegistryAsync(_tenants.Settings);
        var late = (await registry.FindAsync(TenantId.Parse(Late), default))!;
        await registry.UpsertAsync(late with { DisplayName = HostileName, ScheduleTimeZone = "America/Lima" }, default);
        await registry.SetEnabledAsync(TenantId.Parse(Disabled), false, default);
    }

    public async Task DisposeAsync() => await _tenants.DisposeAsync();

    [Fact]
    public async Task ShowEachTenantsRunsLagBreakersErrorsQueuesAndUsageInABrowser()
    {
        await using var fixture = new DashboardFixture(_tenants.Settings["ControlDatabase:ConnectionString"]!);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_tenants.Settings);
        var syncedRun = Guid.NewGuid();
        var brokenRun = Guid.NewGuid();
        await FaultEnvironment.PublishAsync(events, Synced, syncedRun);
        await FaultEnvironment.PublishAsync(events, Broken, brokenRun);
        // The worker's own breakers: two failed runs against a database that refuses connections open the source breaker.
        var breakers = worker.Services.GetRequiredService<TenantBreakers>();
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<MySqlException>(() => breakers.ExecuteAsync(TenantId.Parse(Late), _ => SourceDownAsync(), default));
        await fixture.BreakerReportAsync(Late, "source", "worker-b", BreakerStates.Closed);
        await fixture.BreakerReportAsync(Synced, "sink", "worker-b", BreakerStates.HalfOpen);
        await fixture.SucceededRunAsync(Late, TimeSpan.FromMinutes(125), read: 1200, written: 1180, rejected: 20);
        var deferredReason = $"the source breaker of tenant '{Late}' is open after repeated failures";
        await fixture.DeferredRunAsync(Late, "source", deferredReason);
        foreach (var hoursAgo in (int[])[30, 50]) await fixture.UsageAsync(Synced, TimeSpan.FromHours(hoursAgo), 500, 500);
        foreach (var hoursAgo in (int[])[3, 26]) await fixture.UsageAsync(Late, TimeSpan.FromHours(hoursAgo), 1200, 1180);

        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == syncedRun) && e.Failed.Any(f => f.RunId == brokenRun), TimeSpan.FromSeconds(30),
            "the real syncs to end");
        var brokenReason = (await fixture.RunAsync(brokenRun))!.FailureReason!;
        Assert.Contains("given_name", brokenReason, StringComparison.Ordinal);
        await Eventually.ValueAsync(fixture.BreakerReportsAsync, reports => reports.Any(r => r.Worker == WorkerInstance.Current && r.State == BreakerStates.Open),
            "the worker to record its open breaker");
        // The management API counts queues every few seconds, and caches its queue list, which the dashboard reads.
        await Eventually.ValueAsync(async () => (Errors: await services.RabbitMq.ListedQueueAsync(RabbitMqService.SyncRequestedErrorQueue),
                Work: await services.RabbitMq.ListedQueueAsync("fhirsync-sync-requested")),
            queues => queues.Errors.Ready == 1 && queues.Work.Consumers >= 1, "the queue list to show the failed request and the worker's consumer",
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));

        // Only what an operator gives it: no master key, since the dashboard decrypts nothing.
        await using var dashboard = await ServeProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ControlDatabase:ConnectionString"] = _tenants.Settings["ControlDatabase:ConnectionString"],
            ["RabbitMq:Url"] = _tenants.Settings["RabbitMq:Url"],
            ["Dashboard:RabbitMqManagementUrl"] = Environment.GetEnvironmentVariable("FHIRSYNC_TEST_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:15672/",
        }, "dashboard", "/api/status", HttpStatusCode.OK);
        var page = new RenderedDashboard(await HeadlessChromium.RenderedDomAsync(dashboard.Address));
        await HeadlessChromium.ScreenshotAsync(dashboard.Address, Path.Combine(RepositoryRoot.Path, ".fhirsync", "dashboard.png"));

        var synced = page.TenantRow(Synced);
        Assert.Equal(("enabled", "0 30 1 * * ? UTC", "none", RunStates.Succeeded), (Text(synced, "enabled"), Text(synced, "schedule"), Text(synced, "current-run"),
            RenderedDashboard.State(synced, "last-run")));
        Assert.Matches(@"^\d+ (s|min)$", Text(synced, "lag"));
        Assert.Equal(("3", "3"), (Text(synced, "rows-read"), Text(synced, "written")));
        Assert.Equal((BreakerStates.Closed, BreakerStates.HalfOpen), (RenderedDashboard.State(synced, "source-breaker"), RenderedDashboard.State(synced, "sink-breaker")));
        Assert.Contains("worker-b", Text(synced, "sink-breaker"), StringComparison.Ordinal);

        var broken = page.TenantRow(Broken);
        Assert.Equal((RunStates.Failed, "never", "0", "0"), (RenderedDashboard.State(broken, "last-run"), Text(broken, "lag"), Text(broken, "rows-read"), Text(broken, "written")));
        var brokenError = Assert.Single(page.ErrorRows(Broken));
        Assert.Equal(("mapping", brokenReason), (Text(brokenError, "stage"), Text(brokenError, "reason")));

        var late = page.TenantRow(Late);
        Assert.Equal((HostileName, "0 0 */6 * * ? America/Lima"), (Text(late, "display-name"), Text(late, "schedule")));
        Assert.Equal((RunStates.Deferred, RunStates.Succeeded, "2 h 5 min"), (RenderedDashboard.State(late, "current-run"), RenderedDashboard.State(late, "last-run"), Text(late, "lag")));
        Assert.Equal(("1,200", "1,180"), (Text(late, "rows-read"), Text(late, "written")));
        // Worst of the two workers' reports: this worker's open over worker-b's closed.
        Assert.Equal((BreakerStates.Open, BreakerStates.Closed), (RenderedDashboard.State(late, "source-breaker"), RenderedDashboard.State(late, "sink-breaker")));
        Assert.Contains(WorkerInstance.Current, Text(late, "source-breaker"), StringComparison.Ordinal);
        Assert.Equal(("source", deferredReason), (Text(Assert.Single(page.ErrorRows(Late)), "stage"), Text(Assert.Single(page.ErrorRows(Late)), "reason")));

        var disabled = page.TenantRow(Disabled);
        Assert.Equal(("disabled", "none", "none", "never"), (Text(disabled, "enabled"), Text(disabled, "current-run"), Text(disabled, "last-run"), Text(disabled, "lag")));

        Assert.DoesNotContain("<img src", page.Dom, StringComparison.Ordinal); // the hostile name stayed text
        Assert.Contains($"{RabbitMqService.SyncRequestedErrorQueue}: 1 waiting", page.Text("error-queues"), StringComparison.Ordinal);
        Assert.Equal("1", Text(page.QueueRow(RabbitMqService.SyncRequestedErrorQueue), "ready"));
        Assert.True(int.Parse(Text(page.QueueRow("fhirsync-sync-requested"), "consumers"), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        Assert.Contains("<svg viewBox=", page.Dom, StringComparison.Ordinal);
        // The real sync's page (this hour) and the two fixture hours; two for the late tenant; none for those that used nothing.
        Assert.Equal((3, 2, 0, 0), (page.PointsOf(Synced), page.PointsOf(Late), page.PointsOf(Broken), page.PointsOf(Disabled)));
    }

    private static string Text(string html, string field) => RenderedDashboard.Text(html, field);

    private static async Task<int> SourceDownAsync()
    {
        await using var connection = new MySqlConnection("Server=127.0.0.1;Port=1;User ID=nobody;Connection Timeout=2");
        await connection.OpenAsync();
        return 0;
    }
}
