using System.Text;
using System.Text.Json;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Requests are checked before anything runs: a resource type the tenant does not map, and, on the plain JSON intake,
/// a sender (the broker-checked AMQP user_id) that may not ask for the tenant named, or none at all, are refused to the
/// error queue with a reason; the tenant's own sender gets its sync; a forged user_id never gets past the broker.
/// </summary>
[Collection(RealServices.Name)]
public sealed class RequestValidationShould(ServicesFixture services) : IAsyncLifetime
{
    private const string IntakeExchange = "fhirsync-sync-intake";
    private const string IntakeErrorQueue = "fhirsync-sync-intake_error";
    private FaultEnvironment _faults = null!;

    public async Task InitializeAsync()
    {
        _faults = await FaultEnvironment.CreateAsync(services, "validation");
        await _faults.AddTenantsAsync("checked", 2, 3);
        await services.RabbitMq.PurgeAsync(IntakeErrorQueue);
    }

    public async Task DisposeAsync() => await _faults.DisposeAsync();

    [Fact]
    public async Task RefuseAResourceTypeTheTenantDoesNotMapBeforeAnythingRuns()
    {
        var runs = await TestWorker.RunsAsync(_faults.Settings);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_faults.Settings);
        var runId = Guid.NewGuid();

        await events.Bus.Publish(new SyncRequested { TenantId = "checked-0", RunId = runId, RequestedAt = DateTimeOffset.UtcNow, ResourceTypes = ["Patient", "Medication"] });

        var dead = Assert.Single((await services.RabbitMq.TakeDeadLettersAsync(1)).EnumerateArray());
        Assert.Equal("sync of tenant 'checked-0' failed at request: resource type 'Medication' is not mapped for tenant checked-0",
            dead.GetProperty("properties").GetProperty("headers").GetProperty("MT-Fault-Message").GetString());
        Assert.Null(await runs.FindAsync(runId, default)); // refused before it became a run
        Assert.False(Directory.Exists(Path.Combine(_faults.OutputRoot, "checked-0")), "nothing may be written for a refused request");
        Assert.Empty(events.Completed);
    }

    [Fact]
    public async Task SyncAPlainJsonRequestFromTheTenantsOwnSenderAndRefuseOneForAnotherTenantOrWithoutASender()
    {
        var runs = await TestWorker.RunsAsync(_faults.Settings);
        var sender = await services.RabbitMq.CreatePublisherUserAsync("tenant-checked-0", IntakeExchange);
        try
        {
            await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
            await using var worker = await TestWorker.StartAsync(_faults.Settings);
            var factory = new ConnectionFactory { Uri = sender };
            await using var connection = await factory.CreateConnectionAsync();
            var own = Guid.NewGuid();
            var foreign = Guid.NewGuid();
            var anonymous = Guid.NewGuid();

            await PublishJsonAsync(connection, RequestJson("checked-0", own), userId: "tenant-checked-0");
            await PublishJsonAsync(connection, RequestJson("checked-1", foreign), userId: "tenant-checked-0");
            await PublishJsonAsync(connection, RequestJson("checked-0", anonymous), userId: null);
            await PublishJsonAsync(connection, """{ "tenantId": "checked-0", "runId": """, userId: "tenant-checked-0");
            // The broker itself refuses a user_id that is not the sender's own login, so a tenant cannot pose as another.
            await Assert.ThrowsAnyAsync<OperationInterruptedException>(() => PublishJsonAsync(connection, RequestJson("checked-1", Guid.NewGuid()), userId: "tenant-checked-1"));

            await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == own), TimeSpan.FromSeconds(30), "the tenant's own request to complete");
            var reasons = await Eventually.ValueAsync(() => ErrorReasonsAsync(3), found => found.Count >= 3, "three refusals in the intake's error queue",
                TimeSpan.FromSeconds(20));
            Assert.Contains("sync of tenant 'checked-1' failed at request: RabbitMQ user tenant-checked-0 may not request tenant checked-1", reasons);
            Assert.Contains("sync of tenant 'checked-0' failed at request: a request on the intake queue must carry the AMQP user_id property of its sender", reasons);
            Assert.Contains(reasons, reason => reason.Contains("JSON", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(3, Assert.Single(events.Completed).Resources.Single().ResourcesWritten);
            Assert.False(Directory.Exists(Path.Combine(_faults.OutputRoot, "checked-1")), "the other tenant's sink must stay untouched");
            Assert.Null(await runs.FindAsync(foreign, default));
            Assert.Null(await runs.FindAsync(anonymous, default));
        }
        finally
        {
            await services.RabbitMq.DeleteUserAsync("tenant-checked-0");
        }
    }

    private static string RequestJson(string tenant, Guid runId) =>
        JsonSerializer.Serialize(new { tenantId = tenant, runId, requestedAt = DateTimeOffset.UtcNow, origin = "python-ehr" });

    /// <summary>As a non-.NET client publishes: the JSON body alone, with publisher confirms, so a refused publish throws.</summary>
    private static async Task PublishJsonAsync(IConnection connection, string json, string? userId)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, UserId = userId, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(IntakeExchange, string.Empty, mandatory: false, properties, Encoding.UTF8.GetBytes(json));
    }

    private async Task<List<string>> ErrorReasonsAsync(int expected)
    {
        if (await services.RabbitMq.MessagesInQueueAsync(IntakeErrorQueue) < expected) return [];
        var messages = await services.RabbitMq.TakeMessagesAsync(IntakeErrorQueue, expected + 5);
        return [.. messages.EnumerateArray().Select(m => m.GetProperty("properties").GetProperty("headers").GetProperty("MT-Fault-Message").GetString()!)];
    }
}
