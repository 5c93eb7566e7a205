using System.Diagnostics;
using System.Globalization;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>
/// Faults on real services with real worker processes, each followed by the oracle: every source row against every
/// tenant's store, counting lost, duplicated and cross-tenant resources, which must all be 0. The test command runs
/// small sizes; <c>scripts/fault-suite.sh</c> runs larger ones and writes the figures to docs/reliability.md.
/// </summary>
[Collection(RealServices.Name)]
[Trait("Category", "Faults")]
public sealed class FaultSuiteShould(ServicesFixture services)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task LoseAndDuplicateNothingWhenTheWorkerIsKilledMidSyncAgainAndAgain()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "killed");
        // The kills are the test's, not the request's: without room, the quorum queue's delivery count would refuse the
        // request as poison after RabbitMq:DeliveryLimit kills (PoisonMessagesShould shows that side).
        faults.Settings["RabbitMq:DeliveryLimit"] = (FaultSizes.Kills + 5).ToString(CultureInfo.InvariantCulture);
        await faults.AddTenantsAsync("killed", 1, FaultSizes.KilledTenantRows, fhirStore: true);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var store = faults.StoreOf("killed-0")!;
        var runId = Guid.NewGuid();

        var worker = await faults.StartWorkerAsync();
        await FaultEnvironment.PublishAsync(events, "killed-0", runId);
        var killedAt = new List<int>();
        for (var kill = 0; kill < FaultSizes.Kills; kill++)
        {
            // Mid-sync, spread through the run: kill k once the store holds (k+1)/(kills+1) of the rows. Each restart reads
            // the untracked source from the start again, rewriting what the store already holds under the same ids.
            var threshold = (long)FaultSizes.KilledTenantRows * (kill + 1) / (FaultSizes.Kills + 1);
            var written = await WaitUntilAsync(() => FaultEnvironment.StoredCountAsync(store), count => count >= threshold && count < FaultSizes.KilledTenantRows);
            await worker.KillAsync();
            killedAt.Add(written);
            // Not waiting for the management API's consumer count, which lags by seconds: the run would be past the next kill's moment.
            worker = await faults.StartWorkerAsync(untilConsuming: false);
        }

        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), RunTimeout, "the killed run to complete after the last restart");
        var verdict = await faults.JudgeAsync("killed-0");
        // Usage exactly once: pages redone after each kill start where they started before, so each is metered once.
        var usage = (await (await TestWorker.UsageAsync(faults.Settings)).EventsAsync(TenantId.Parse("killed-0"), DateTimeOffset.UtcNow.AddHours(-1),
            DateTimeOffset.UtcNow.AddHours(1), default)).Where(u => u.RunId == runId).ToList();
        await events.WaitForAsync(e => e.Usage.Where(u => u.RunId == runId).Select(u => u.EventId).Distinct().Count() >= usage.Count, RunTimeout,
            "every page's usage to be published, by the page or by the relay");

        Assert.True(verdict.Clean, verdict.ToString());
        Assert.Equal(FaultSizes.Kills, killedAt.Count);
        Assert.Equal((FaultSizes.KilledTenantRows + 999) / 1000, usage.Count); // pages of 1,000
        Assert.Equal(FaultSizes.KilledTenantRows, usage.Sum(u => u.RowsRead));
        Assert.Equal(usage.Select(u => u.EventId).Order(), events.Usage.Where(u => u.RunId == runId).Select(u => u.EventId).Distinct().Order());
        FaultReport.Record($"kill -9 of the worker mid-sync, {FaultSizes.Kills} times", [verdict],
            $"killed with {string.Join(", ", killedAt)} of {FaultSizes.KilledTenantRows} written; the run completed after the last restart; {usage.Count} pages metered, each once");
    }

    [Fact]
    public async Task HandARunCutByAGracefulStopToAnotherWorker()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "stopped");
        faults.Settings["RabbitMq:StopTimeoutSeconds"] = "2";
        await faults.AddTenantsAsync("stopped", 1, FaultSizes.KilledTenantRows, fhirStore: true);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var store = faults.StoreOf("stopped-0")!;
        var stopping = await faults.StartWorkerAsync();
        var runId = Guid.NewGuid();

        await FaultEnvironment.PublishAsync(events, "stopped-0", runId);
        var writtenAtStop = await WaitUntilAsync(() => FaultEnvironment.StoredCountAsync(store), count => count >= FaultSizes.KilledTenantRows / 3 && count < FaultSizes.KilledTenantRows);
        // The store stalls, so the run outlasts the 2 s stop timeout: the worker exits with the run unfinished, as a deploy
        // can stop a long run.
        await store.PauseAsync();
        await stopping.StopAsync();
        await store.ResumeAsync();
        await faults.StartWorkerAsync();
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), RunTimeout, "the stopped run to complete on the next worker");
        var verdict = await faults.JudgeAsync("stopped-0");

        Assert.True(verdict.Clean, verdict.ToString());
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
        FaultReport.Record("graceful stop (SIGTERM) of the worker mid-sync, past its stop timeout", [verdict], string.Create(CultureInfo.InvariantCulture,
            $"stopped with {writtenAtStop} of {FaultSizes.KilledTenantRows} written and the store stalled; the broker gave the request to the next worker, which completed it"));
    }

    [Fact]
    public async Task FinishARunCutByABrokerRestartWithNothingLostOrDuplicated()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "broker");
        await faults.AddTenantsAsync("broker", 1, FaultSizes.KilledTenantRows, fhirStore: true);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var store = faults.StoreOf("broker-0")!;
        await faults.StartWorkerAsync();
        var runId = Guid.NewGuid();

        await FaultEnvironment.PublishAsync(events, "broker-0", runId);
        var writtenAtRestart = await WaitUntilAsync(() => FaultEnvironment.StoredCountAsync(store), count => count >= FaultSizes.KilledTenantRows / 3 && count < FaultSizes.KilledTenantRows);
        var restart = Stopwatch.StartNew();
        await BrokerControl.RestartAsync();
        restart.Stop();
        // The outcome event may be published while the recorder reconnects; the store and the queue are the proof.
        await WaitUntilAsync(() => FaultEnvironment.StoredCountAsync(store), count => count == FaultSizes.KilledTenantRows);
        await WaitUntilAsync(() => services.RabbitMq.MessagesInQueueAsync("fhirsync-sync-requested"), count => count == 0);
        var verdict = await faults.JudgeAsync("broker-0");

        Assert.True(verdict.Clean, verdict.ToString());
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
        FaultReport.Record("RabbitMQ restarted mid-sync", [verdict], string.Create(CultureInfo.InvariantCulture,
            $"restarted with {writtenAtRestart} of {FaultSizes.KilledTenantRows} written, broker back in {restart.Elapsed.TotalSeconds:0.0} s; the run finished"));
    }

    [Fact]
    public async Task KeepTheOtherTenantsGoingWhileOneTenantsDatabaseIsDownOrHanging()
    {
        await using var relay = TcpRelay.Start(services.MariaDb.Server, (int)services.MariaDb.Port);
        await using var faults = await FaultEnvironment.CreateAsync(services, "outage");
        await faults.AddTenantsAsync("steady", 4, FaultSizes.RowsPerTenant);
        await faults.AddTenantsAsync("outage", 1, FaultSizes.RowsPerTenant, relay);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await faults.StartWorkerAsync();
        var steady = faults.Tenants.Where(t => t.StartsWith("steady", StringComparison.Ordinal)).ToList();

        await SyncAsync(events, steady); // warm-up: pools, JIT, first files
        var faultFree = await MedianSyncAsync(events, steady);
        relay.Refuse();
        var whileDown = await MedianSyncAsync(events, steady, alsoRequested: "outage-0");
        relay.Hang();
        var whileHanging = await MedianSyncAsync(events, steady, alsoRequested: "outage-0");
        Assert.DoesNotContain(events.Completed, c => c.TenantId == "outage-0");
        relay.Resume();
        // Its deferred requests come back together once the database is back: one runs, the rest merge into one follow-up.
        var runs = await TestWorker.RunsAsync(faults.Settings);
        var outageRuns = await Eventually.ValueAsync(async () => (await runs.ListAsync(TenantId.Parse("outage-0"), 100, default)).ToList(),
            found => found.Count == 2 * TimedRuns && found.All(r => r.Finished), "every deferred run of the outage tenant to end once its database is back",
            RunTimeout, TimeSpan.FromMilliseconds(500), found => string.Join(", ", found.Select(r => r.State)));
        var verdicts = await Task.WhenAll(faults.Tenants.Select(faults.JudgeAsync));

        Assert.All(verdicts, verdict => Assert.True(verdict.Clean, verdict.ToString()));
        Assert.All(outageRuns, run => Assert.True(run.State == RunStates.Succeeded
            || (run.State == RunStates.Coalesced && outageRuns.Any(r => r.RunId == run.CoalescedInto && r.State == RunStates.Succeeded)), $"{run.RunId} ended {run.State}"));
        Assert.True(events.Deferred.Count(d => d.TenantId == "outage-0") >= 2 * TimedRuns);
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
        FaultReport.Record("one tenant's database down, then hanging (4 other tenants syncing)", verdicts, string.Create(CultureInfo.InvariantCulture,
            $"other tenants' full sync, median of {TimedRuns}: {faultFree.TotalSeconds:0.00} s fault-free, {whileDown.TotalSeconds:0.00} s while down ({faultFree / whileDown:P0}), {whileHanging.TotalSeconds:0.00} s while hanging ({faultFree / whileHanging:P0}); the outage tenant's {2 * TimedRuns} requests deferred, then done by {outageRuns.Count(r => r.State == RunStates.Succeeded)} runs (the rest merged)"));
    }

    [Fact]
    public async Task WriteEachResourceOnceWhenTheSameRequestReachesTwoWorkers()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "twice");
        await faults.AddTenantsAsync("twice-fhir", 1, FaultSizes.RowsPerTenant, fhirStore: true);
        await faults.AddTenantsAsync("twice-ndjson", 1, FaultSizes.RowsPerTenant);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await faults.StartWorkerAsync();
        await faults.StartWorkerAsync();
        var runs = faults.Tenants.ToDictionary(tenant => tenant, _ => Guid.NewGuid());

        foreach (var (tenant, runId) in runs)
        {
            await FaultEnvironment.PublishAsync(events, tenant, runId);
            await FaultEnvironment.PublishAsync(events, tenant, runId);
        }

        await events.WaitForAsync(e => runs.Values.All(run => e.Completed.Any(c => c.RunId == run)), RunTimeout, "each request to complete");
        await WaitUntilAsync(() => services.RabbitMq.MessagesInQueueAsync("fhirsync-sync-requested"), count => count == 0);
        var verdicts = await Task.WhenAll(faults.Tenants.Select(faults.JudgeAsync));

        Assert.All(verdicts, verdict => Assert.True(verdict.Clean, verdict.ToString()));
        // The second copy found the run in progress (or done) and was dropped: each run ran once.
        Assert.All(runs.Values, run => Assert.Single(events.Completed, c => c.RunId == run));
        FaultReport.Record("the same request delivered twice, to two workers at once (a FHIR and an NDJSON tenant)", verdicts,
            "each ran once, the second copy dropped; each row is one resource");
    }

    [Fact]
    public async Task SendPoisonToTheErrorQueueWithAReasonAndGoOn()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "poison");
        await faults.AddTenantsAsync("healthy", 1, FaultSizes.RowsPerTenant);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await faults.StartWorkerAsync();
        var runId = Guid.NewGuid();

        await services.RabbitMq.PublishRawAsync("fhirsync.v1.sync-requested", """{ "messageType": ["urn:message:fhirsync:v1:sync-requested"], "message": { "tenantId": """, "application/vnd.masstransit+json");
        await events.Bus.Publish(new Contracts.V1.SyncRequested { TenantId = "healthy-0", RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = new string('x', 70_000) });
        await FaultEnvironment.PublishAsync(events, "nobody-registered", Guid.NewGuid());
        await FaultEnvironment.PublishAsync(events, "healthy-0", runId);
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), RunTimeout, "the healthy tenant's run");
        await WaitUntilAsync(() => services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue), count => count == 3);
        var verdict = await faults.JudgeAsync("healthy-0");

        Assert.True(verdict.Clean, verdict.ToString());
        var reasons = events.Failed.Where(f => !f.WillRetry).Select(f => f.Reason).ToList();
        Assert.Contains(reasons, r => r.StartsWith("the request is ", StringComparison.Ordinal));
        Assert.Contains("tenant 'nobody-registered' is not registered", reasons);
        FaultReport.Record("malformed, oversized and unknown-tenant requests", [verdict], "all three in the error queue with a reason; the healthy tenant completed");
    }

    [Fact]
    public async Task DeferARunWhileTheFhirStoreFailsOrHangsAndFinishItWhenItAnswersAgain()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "storefault");
        TcpRelay? relay = null;
        await faults.AddTenantsAsync("storefault", 1, FaultSizes.RowsPerTenant, fhirStore: true,
            storeRelay: store => relay = TcpRelay.Start(store.BaseUrl.Host, store.BaseUrl.Port));
        await using var storeRelay = relay!;
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await faults.StartWorkerAsync();
        var store = faults.StoreOf("storefault-0")!;
        var runId = Guid.NewGuid();

        storeRelay.Refuse(); // the store is down: connections refused
        await FaultEnvironment.PublishAsync(events, "storefault-0", runId);
        await events.WaitForAsync(e => e.Deferred.Any(d => d.RunId == runId), RunTimeout, "the run to be deferred while the store refuses connections");
        await store.PauseAsync(); // then it accepts connections and never answers
        storeRelay.Resume();
        var deferredWhileDown = events.Deferred.Count(d => d.RunId == runId);
        await events.WaitForAsync(e => e.Failed.Any(f => f.RunId == runId && f.Reason == "the FHIR store did not answer in time"), RunTimeout, "a timeout while the store hangs");
        await store.ResumeAsync();
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), RunTimeout, "the deferred run to complete");
        var verdict = await faults.JudgeAsync("storefault-0");

        Assert.True(verdict.Clean, verdict.ToString());
        Assert.Contains(events.Failed, f => f.RunId == runId && f.Reason.StartsWith("FHIR store unreachable", StringComparison.Ordinal));
        Assert.All(events.Failed.Where(f => f.RunId == runId), failed => Assert.Equal(("sink", true), (failed.Stage, failed.WillRetry)));
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
        FaultReport.Record("the FHIR store refuses connections, then hangs (SIGSTOP), then answers", [verdict],
            $"{events.Deferred.Count(d => d.RunId == runId)} deferrals ({deferredWhileDown} while refused), never the error queue; the run completed once the store answered");
    }

    private const int TimedRuns = 3;

    private static async Task<TimeSpan> MedianSyncAsync(BusEventRecorder events, IReadOnlyCollection<string> tenants, string? alsoRequested = null)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < TimedRuns; run++) times.Add(await SyncAsync(events, tenants, alsoRequested));
        return times.Order().ElementAt(TimedRuns / 2);
    }

    /// <summary>Full syncs of <paramref name="tenants"/> (and one more tenant, not waited for); the time until all of them completed.</summary>
    private static async Task<TimeSpan> SyncAsync(BusEventRecorder events, IReadOnlyCollection<string> tenants, string? alsoRequested = null)
    {
        var runs = tenants.Select(_ => Guid.NewGuid()).ToHashSet();
        var clock = Stopwatch.StartNew();
        if (alsoRequested is not null) await FaultEnvironment.PublishAsync(events, alsoRequested, Guid.NewGuid());
        foreach (var (tenant, runId) in tenants.Zip(runs)) await FaultEnvironment.PublishAsync(events, tenant, runId);
        await events.WaitForAsync(e => runs.All(run => e.Completed.Any(c => c.RunId == run)), RunTimeout, "the steady tenants' runs");
        return clock.Elapsed;
    }

    // Not faster: a FHIR search total is a scan on the single-threaded test server, and polling would slow the run down.
    private static Task<int> WaitUntilAsync(Func<Task<int>> read, Func<int, bool> condition) =>
        Eventually.ValueAsync(read, condition, "the fault's moment", RunTimeout, TimeSpan.FromMilliseconds(200));
}
