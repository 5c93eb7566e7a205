using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using Hl7.Fhir.Model;
using MySqlConnector;
using Task = System.Threading.Tasks.Task;

namespace FhirSync.Integration.Tests.Breakers;

/// <summary>
/// One tenant's database goes down (its TCP hop refuses connections) while two others sync on the same worker. Its
/// run is retried briefly, then deferred to a persisted Quartz trigger, refused at once by its open breaker when the
/// trigger fires, kept across a worker restart, and completed with the same run id once the database is back: never
/// in the error queue, and the other tenants complete meanwhile.
/// </summary>
[Collection(RealServices.Name)]
public sealed class DeferredSyncsShould(ServicesFixture services) : IAsyncLifetime
{
    private static readonly string[] SteadyTenants = ["steady-0", "steady-1"];
    private TcpRelay _relay = null!;
    private FaultEnvironment _faults = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _relay = TcpRelay.Start(services.MariaDb.Server, (int)services.MariaDb.Port);
        _faults = await FaultEnvironment.CreateAsync(services, "deferred");
        _settings = _faults.Settings;
        _settings["RabbitMq:DeferralLimit"] = "20";
        _settings["Breakers:BreakDuration"] = "00:00:03";
        await _faults.AddTenantsAsync("flaky", 1, 3, _relay);
        await _faults.AddTenantsAsync("steady", 2, 3);
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        await _faults.DisposeAsync();
    }

    [Fact]
    public async Task DeferATenantWhoseDatabaseIsDownKeepItAcrossARestartAndCompleteItWhenTheDatabaseIsBack()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var runs = SteadyTenants.Append("flaky-0").ToDictionary(t => t, _ => Guid.NewGuid());
        var flakyRun = runs["flaky-0"];
        _relay.Refuse();

        await using (await TestWorker.StartAsync(_settings))
        {
            foreach (var (tenant, runId) in runs)
                await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
            // The first deferral follows the short retries; the second is the open breaker refusing the redelivery.
            await events.WaitForAsync(e => e.Deferred.Count(d => d.RunId == flakyRun) >= 2 && e.Completed.Count == 2, TimeSpan.FromMinutes(1),
                "the other tenants to complete and the flaky one to be deferred twice");

            Assert.Equal(SteadyTenants, events.Completed.Select(c => c.TenantId).Order(StringComparer.Ordinal));
            var deferred = events.Deferred.Where(d => d.RunId == flakyRun).ToList();
            Assert.StartsWith("source failed: source database error UnableToConnectToHost", deferred[0].Reason, StringComparison.Ordinal);
            Assert.Equal("the source breaker of tenant 'flaky-0' is open after repeated failures", deferred[1].Reason);
            Assert.Equal((1, 2), (deferred[0].Deferrals, deferred[1].Deferrals));
            // Two attempts ran and failed (the first and its one retry); the breaker refused the redelivery without a third.
            Assert.Equal(2, events.Failed.Count(f => f.RunId == flakyRun));
            Assert.All(events.Failed, failed => Assert.True(failed.WillRetry));
        }

        Assert.Equal(1, await PendingRedeliveriesAsync(flakyRun)); // persisted in the control database, not in the stopped worker
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
        _relay.Resume();

        await using (await TestWorker.StartAsync(_settings))
        {
            await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == flakyRun), TimeSpan.FromMinutes(1), "the deferred run to complete after the restart");
        }

        Assert.Equal(3, Assert.Single(events.Completed.Single(c => c.RunId == flakyRun).Resources).ResourcesWritten);
        Assert.Equal(["Ames", "Brook", "Cole"], NdjsonReader.Read<Patient>(Path.Combine(_faults.OutputRoot, "flaky-0")).Select(p => p.Name[0].Family).Order(StringComparer.Ordinal));
        Assert.Equal(0, await PendingRedeliveriesAsync(flakyRun));
        Assert.Equal(0, await services.RabbitMq.MessagesInQueueAsync(RabbitMqService.SyncRequestedErrorQueue));
    }

    private async Task<int> PendingRedeliveriesAsync(Guid runId)
    {
        await using var connection = new MySqlConnection(_settings["ControlDatabase:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'deferred-syncs' AND TRIGGER_NAME = @name", connection);
        command.Parameters.AddWithValue("@name", $"deferred-flaky-0-{runId:N}");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
