using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Scheduling;

/// <summary>
/// Two worker processes on one control database form a Quartz cluster: a tenant's trigger fires on one of them, so each
/// fire publishes one request, not one per worker.
/// </summary>
[Collection(RealServices.Name)]
public sealed class ClusteredSchedulesShould(ServicesFixture services)
{
    [Fact]
    public async Task FireEachTenantsScheduleOnceAcrossTwoWorkers()
    {
        await using var faults = await FaultEnvironment.CreateAsync(services, "cluster");
        // Every 4 seconds, so a few fires fall inside the test.
        await faults.AddTenantsAsync("cluster", 2, 3, scheduleCron: "0/4 * * * * ?");
        var runs = await TestWorker.RunsAsync(faults.Settings);
        await faults.StartWorkerAsync();
        await faults.StartWorkerAsync();

        // Each fire is a run the workers received and recorded, whichever worker fired it and whichever ran it.
        var scheduled = await Eventually.ValueAsync(() => runs.ListAsync(null, 100, default), found => found.Count(r => r.Request.Origin == "schedule") >= 8,
            "four fires of each tenant's schedule", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500), found => $"{found.Count} runs");

        var fires = scheduled.Where(r => r.Request.Origin == "schedule")
            .GroupBy(r => (TenantId: r.Request.TenantId.Value, Fire: r.Request.RequestedAt.ToUnixTimeSeconds() / 4))
            .ToList();
        Assert.All(fires, fire => Assert.Single(fire)); // one request per tenant and fire time
        Assert.Equal(["cluster-0", "cluster-1"], fires.Select(f => f.Key.TenantId).Distinct().Order(StringComparer.Ordinal));
    }
}
