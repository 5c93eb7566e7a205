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
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await faults.StartWorkerAsync();
        await faults.StartWorkerAsync();

        await events.WaitForAsync(e => e.Requested.Count(r => r.Origin == "schedule") >= 8, TimeSpan.FromMinutes(1), "four fires of each tenant's schedule");

        var fires = events.Requested.Where(r => r.Origin == "schedule")
            .GroupBy(r => (r.TenantId, Fire: r.RequestedAt.ToUnixTimeSeconds() / 4))
            .ToList();
        Assert.All(fires, fire => Assert.Single(fire)); // one request per tenant and fire time, whichever worker fired it
        Assert.Equal(["cluster-0", "cluster-1"], fires.Select(f => f.Key.TenantId).Distinct().Order(StringComparer.Ordinal));
    }
}
