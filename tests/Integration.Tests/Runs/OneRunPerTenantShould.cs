using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Runs;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// While a tenant's run is in progress, more requests for it arrive: the first becomes the tenant's follow-up run and
/// the rest merge into it, a copy of the running request is dropped, and the follow-up runs once the first has ended.
/// Every request's state and the runs' figures are in the control database.
/// </summary>
[Collection(RealServices.Name)]
public sealed class OneRunPerTenantShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Tenant = "busy-0";
    private const int Rows = 500;
    private FaultEnvironment _faults = null!;
    private TcpRelay _storeRelay = null!;

    public async Task InitializeAsync()
    {
        _faults = await FaultEnvironment.CreateAsync(services, "coalesce");
        _faults.Settings["Sinks:FhirRequestTimeoutSeconds"] = "60";
        // The store behind a relay that holds the first run's writes until the test has sent everything it sends meanwhile.
        await _faults.AddTenantsAsync("busy", 1, Rows, fhirStore: true,
            storeRelay: store => _storeRelay = TcpRelay.Start(store.BaseUrl.Host, store.BaseUrl.Port));
    }

    public async Task DisposeAsync()
    {
        await _storeRelay.DisposeAsync();
        await _faults.DisposeAsync();
    }

    [Fact]
    public async Task RunATenantOnceAtATimeAndMergeWhatArrivesMeanwhileIntoOneFollowUpRun()
    {
        var runs = await TestWorker.RunsAsync(_faults.Settings);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_faults.Settings);
        var first = Guid.NewGuid();
        _storeRelay.Hang();
        await FaultEnvironment.PublishAsync(events, Tenant, first);
        await Eventually.ValueAsync(() => runs.FindAsync(first, default), run => run?.State == RunStates.Running,
            "the first run to be running", TimeSpan.FromSeconds(30), describe: run => run?.State ?? "(none)");

        var followUp = Guid.NewGuid();
        var merged = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await FaultEnvironment.PublishAsync(events, Tenant, followUp);
        await Eventually.ValueAsync(() => runs.FindAsync(followUp, default), run => run?.State == RunStates.Queued, "the follow-up to be queued");
        foreach (var runId in merged) await FaultEnvironment.PublishAsync(events, Tenant, runId);
        await FaultEnvironment.PublishAsync(events, Tenant, first); // a second copy of the running request
        var reconcile = Guid.NewGuid(); // another kind of run: it waits too, as the tenant's reconciliation follow-up
        await events.Bus.Publish(new ReconcileRequested { TenantId = Tenant, RunId = reconcile, RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
        await Eventually.ValueAsync(() => runs.FindAsync(reconcile, default), run => run?.State == RunStates.Queued, "the reconciliation to wait");
        foreach (var runId in merged)
            await Eventually.ValueAsync(() => runs.FindAsync(runId, default), run => run?.State == RunStates.Coalesced, "the later requests to be merged");
        Assert.Equal(RunStates.Running, (await runs.FindAsync(first, default))!.State);
        // The store answers again: the held write fails, its immediate retry completes the first run, then the follow-up runs.
        _storeRelay.Resume();

        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == followUp) && e.Completed.Any(c => c.RunId == reconcile), TimeSpan.FromMinutes(2),
            "the first run, then the follow-ups, to complete");

        // Each once, the first run first; the merged ones never ran.
        Assert.Equal(first, events.Completed.First().RunId);
        Assert.Equal(new[] { first, followUp, reconcile }.Order(), events.Completed.Select(c => c.RunId).Order());
        Assert.All(events.Failed, failed => Assert.True(failed.RunId == first && failed.WillRetry, "only the held write may fail, and be retried"));
        var firstRun = (await runs.FindAsync(first, default))!;
        var followUpRun = (await runs.FindAsync(followUp, default))!;
        Assert.Equal((RunStates.Succeeded, RunStates.Succeeded), (firstRun.State, followUpRun.State));
        Assert.True(followUpRun.StartedAt >= firstRun.FinishedAt, $"the follow-up started at {followUpRun.StartedAt:O}, before the first run ended at {firstRun.FinishedAt:O}");
        foreach (var runId in merged) Assert.Equal(followUp, (await runs.FindAsync(runId, default))!.CoalescedInto);
        var source = Assert.Single(firstRun.Sources);
        Assert.Equal((Rows, (long)Rows, 0L), (source.SourceRows, source.Written, source.Rejected)); // rows read count the attempt that failed too
        Assert.True(source.ElapsedMs > 0);
        var verdict = await _faults.JudgeAsync(Tenant);
        Assert.True(verdict.Clean, verdict.ToString());
    }
}
