using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.Usage;

/// <summary>
/// Each page a sync processes is one usage event, stored and published once, with the bytes the sink really got and
/// the price table's cost; a late copy of the run adds nothing; the billing report sums them per tenant.
/// </summary>
[Collection(RealServices.Name)]
public sealed class UsageMeteringShould(ServicesFixture services) : IAsyncLifetime
{
    private const int Rows = 2_000;
    private const int PageSize = 700;
    private FaultEnvironment _faults = null!;

    public async Task InitializeAsync()
    {
        _faults = await FaultEnvironment.CreateAsync(services, "usage");
        _faults.Settings["Extraction:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _faults.Settings["Usage:Prices:RowRead"] = "0.5";
        _faults.Settings["Usage:Prices:ResourceWritten"] = "2";
        _faults.Settings["Usage:Prices:MegabyteSent"] = "0";
        await _faults.AddTenantsAsync("metered", 2, Rows);
    }

    public async Task DisposeAsync() => await _faults.DisposeAsync();

    [Fact]
    public async Task RecordEachPageOnceWithWhatItReadWroteAndSentAndSumItPerTenant()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_faults.Settings);
        var runId = Guid.NewGuid();
        var other = Guid.NewGuid();
        await FaultEnvironment.PublishAsync(events, "metered-0", runId);
        await FaultEnvironment.PublishAsync(events, "metered-1", other);
        await events.WaitForAsync(e => e.Completed.Count == 2, TimeSpan.FromSeconds(60), "both runs to complete");
        await FaultEnvironment.PublishAsync(events, "metered-0", runId); // a late copy of a finished run: dropped, nothing metered
        await Eventually.TrueAsync(async () => await services.RabbitMq.MessagesInQueueAsync("fhirsync-sync-requested") == 0, "the copy to be taken");

        var store = worker.Services.GetRequiredService<UsageStore>();
        var pages = (await store.EventsAsync(TenantId.Parse("metered-0"), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), default)).ToList();
        Assert.Equal(3, pages.Count); // 2,000 rows in pages of 700
        Assert.All(pages, page => Assert.Equal((runId, UsageEvent.SyncPage, "Patient"), (page.RunId!.Value, page.EventType, page.ResourceType)));
        Assert.Equal([700L, 700L, 600L], pages.Select(p => p.RowsRead).Order().Reverse());
        Assert.Equal(Rows, pages.Sum(p => p.ResourcesWritten));
        Assert.All(pages, page => Assert.Equal(page.RowsRead * 0.5m + page.ResourcesWritten * 2m, page.CostUnits));
        Assert.Equal(new FileInfo(Path.Combine(_faults.OutputRoot, "metered-0", "Patient.ndjson")).Length, pages.Sum(p => p.BytesSent));
        await events.WaitForAsync(e => e.Usage.Count(u => u.RunId == runId) >= 3, TimeSpan.FromSeconds(20), "the run's usage to be published");
        Assert.Equal(pages.Select(p => p.EventId).Order(), events.Usage.Where(u => u.RunId == runId).Select(u => u.EventId).Order());

        var report = await PublisherCli.RunAsync(_faults.Settings, "usage", "report", "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), "--to",
            DateTimeOffset.UtcNow.AddHours(1).ToString("O"), "--csv");
        Assert.Equal(0, report.ExitCode);
        var lines = report.Output.Trim().Split('\n');
        Assert.Equal(3, lines.Length); // the header and one line per tenant
        Assert.Matches(@"^metered-0,[^,]+,[^,]+,3,0,2000,2000,\d+,\d+,\d+,5000$", lines[1]);
        Assert.StartsWith("metered-1,", lines[2], StringComparison.Ordinal);
    }
}
