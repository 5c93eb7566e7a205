using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Runs;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using MassTransit;
using Xunit.Abstractions;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// One worker with one slot per queue carries a nightly backlog (a large tenant first, then twenty small ones) while
/// other systems ask for on-demand syncs of five more small tenants. The on-demand requests do not wait behind the
/// backlog (they have their own queue and slot), and the small scheduled tenants do not wait behind the large one: its
/// run is cut into slices that go back to the end of the queue. Latencies are written to the test output.
/// </summary>
[Collection(RealServices.Name)]
public sealed class FairnessShould(ServicesFixture services, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int LargeRows = FaultSizes.RowsPerTenant * 3;
    private FaultEnvironment _faults = null!;

    public async Task InitializeAsync()
    {
        _faults = await FaultEnvironment.CreateAsync(services, "fairness");
        _faults.Settings["RabbitMq:ConcurrentSyncs"] = "1";
        _faults.Settings["RabbitMq:ScheduledConcurrentSyncs"] = "1";
        _faults.Settings["Runs:SliceSeconds"] = "1";
        _faults.Settings["Extraction:PageSize"] = "500";
        await _faults.AddTenantsAsync("large", 1, LargeRows, fhirStore: true, mapping: TenantSourceDatabases.TrackedPeopleMapping);
        await _faults.AddTenantsAsync("nightly", 20, 3);
        await _faults.AddTenantsAsync("asked", 5, 3);
    }

    public async Task DisposeAsync() => await _faults.DisposeAsync();

    [Fact]
    public async Task ServeOnDemandRequestsAndSmallTenantsWhileALargeTenantSyncs()
    {
        var runs = await TestWorker.RunsAsync(_faults.Settings);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_faults.Settings);
        var scheduled = await events.Bus.GetSendEndpoint(new Uri("exchange:fhirsync-sync-scheduled"));
        var large = Guid.NewGuid();
        await scheduled.Send(Request("large-0", large, "schedule"));
        await Eventually.ValueAsync(() => runs.FindAsync(large, default), run => run?.State == RunStates.Running, "the large tenant's run to start",
            TimeSpan.FromSeconds(30), describe: run => run?.State ?? "(none)");
        var nightly = Enumerable.Range(0, 20).ToDictionary(i => $"nightly-{i}", _ => Guid.NewGuid());
        foreach (var (tenant, runId) in nightly) await scheduled.Send(Request(tenant, runId, "schedule"));
        var asked = Enumerable.Range(0, 5).ToDictionary(i => $"asked-{i}", _ => Guid.NewGuid());
        foreach (var (tenant, runId) in asked) await events.Bus.Publish(Request(tenant, runId, "ehr"));

        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == large), TimeSpan.FromMinutes(3), "the large tenant's run to complete");

        var largeRun = (await runs.FindAsync(large, default))!;
        var nightlyRuns = await FinishedAsync(runs, nightly.Values);
        var askedRuns = await FinishedAsync(runs, asked.Values);
        Report("on-demand, small tenants", askedRuns);
        Report("scheduled, small tenants", nightlyRuns);
        output.WriteLine($"large tenant: {LargeRows} rows in {largeRun.Slices} slices, {(largeRun.FinishedAt - largeRun.StartedAt)!.Value.TotalSeconds:0.0} s");

        Assert.All(nightlyRuns.Concat(askedRuns), run => Assert.Equal(RunStates.Succeeded, run.State));
        Assert.True(largeRun.Slices >= 2, $"the large run took {largeRun.Slices} slice(s)");
        // Neither kind of small tenant waited for the large one to end; the on-demand ones did not wait for the backlog either.
        Assert.All(nightlyRuns.Concat(askedRuns), run => Assert.True(run.FinishedAt < largeRun.FinishedAt, $"{run.Request.TenantId} ended after the large tenant"));
        Assert.True(askedRuns.Max(r => r.FinishedAt) < nightlyRuns.Max(r => r.FinishedAt), "the on-demand requests waited for the nightly backlog");
        var verdict = await _faults.JudgeAsync("large-0");
        Assert.True(verdict.Clean, verdict.ToString());
        Assert.Equal(LargeRows, Assert.Single(largeRun.Sources).Written);
    }

    private static SyncRequested Request(string tenant, Guid runId, string origin) =>
        new() { TenantId = tenant, RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = origin };

    private static async Task<IReadOnlyList<SyncRun>> FinishedAsync(RunStore runs, IEnumerable<Guid> runIds)
    {
        var found = new List<SyncRun>();
        foreach (var runId in runIds) found.Add((await runs.FindAsync(runId, default))!);
        return found;
    }

    private void Report(string what, IReadOnlyList<SyncRun> finished)
    {
        var latencies = finished.Select(r => (r.FinishedAt!.Value - r.Request.RequestedAt).TotalMilliseconds).Order().ToList();
        output.WriteLine($"{what}: {latencies.Count} runs, request to end: median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");
    }
}
