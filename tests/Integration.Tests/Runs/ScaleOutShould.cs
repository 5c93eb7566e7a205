using System.Globalization;
using FhirSync.ControlPlane.Runs;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Three worker processes on one broker and control database share the work as competing consumers: a large run goes
/// slice by slice through several of them, the worker running it is killed (SIGKILL) mid-slice, and another carries
/// it to the end; nothing is lost or duplicated, and every schedule fire of the small tenants became one run.
/// </summary>
[Collection(RealServices.Name)]
[Trait("Category", "Faults")]
public sealed class ScaleOutShould(ServicesFixture services)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task CompleteARunWhoseWorkerWasKilledOnTheOthersAndFireEachScheduleOnce()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "scaleout");
        faults.Settings["Runs:SliceSeconds"] = "2";
        faults.Settings["RabbitMq:DeliveryLimit"] = "10"; // the kill is the test's, not the request's
        var rows = FaultSizes.KilledTenantRows;
        await faults.AddTenantsAsync("wide", 1, rows, fhirStore: true, mapping: TenantSourceDatabases.TrackedPeopleMapping);
        await faults.AddTenantsAsync("nightly", 3, 3, scheduleCron: "0/5 * * * * ?");
        var runs = await TestWorker.RunsAsync(faults.Settings);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var workers = new List<WorkerProcess>();
        for (var i = 0; i < 3; i++) workers.Add(await faults.StartWorkerAsync());
        var runId = Guid.NewGuid();

        await FaultEnvironment.PublishAsync(events, "wide-0", runId);
        var running = await Eventually.ValueAsync(() => runs.FindAsync(runId, default),
            run => run is { State: RunStates.Running, Slices: >= 2, Worker: not null } && run.Sources.Sum(s => s.Written) >= rows / 4,
            "the run to be in its second slice or later, a quarter written", RunTimeout, TimeSpan.FromMilliseconds(200), run => $"{run?.State}, {run?.Slices} slices");
        var victim = workers.Single(w => running!.Worker!.Contains($"-{w.Id.ToString(CultureInfo.InvariantCulture)}-", StringComparison.Ordinal));
        await victim.KillAsync();
        var writtenAtKill = running!.Sources.Sum(s => s.Written);

        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), RunTimeout, "the run to complete on the other workers");

        var done = (await runs.FindAsync(runId, default))!;
        Assert.Equal(RunStates.Succeeded, done.State);
        Assert.DoesNotContain($"-{victim.Id.ToString(CultureInfo.InvariantCulture)}-", done.Worker, StringComparison.Ordinal);
        var verdict = await faults.JudgeAsync("wide-0");
        Assert.True(verdict.Clean, verdict.ToString());
        // Schedules kept firing while a worker died: one run per tenant and fire time, whichever worker fired it.
        var fires = (await runs.ListAsync(null, 1_000, default)).Where(r => r.Request.Origin == "schedule")
            .GroupBy(r => (TenantId: r.Request.TenantId.Value, Fire: r.Request.RequestedAt.ToUnixTimeSeconds() / 5)).ToList();
        Assert.All(fires, fire => Assert.Single(fire));
        Assert.Equal(["nightly-0", "nightly-1", "nightly-2"], fires.Select(f => f.Key.TenantId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(fires.SelectMany(f => f), run => Assert.NotEqual(RunStates.Failed, run.State));
        FaultReport.Record("three workers, the one running a sliced run killed mid-slice", [verdict],
            $"killed in slice {running.Slices} with {writtenAtKill} of {rows} written; completed in {done.Slices} slices; {fires.Count} schedule fires, each one run");
    }
}
