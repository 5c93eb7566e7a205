using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using RabbitMQ.Client;

namespace FhirSync.Integration.Tests.Consumers;

/// <summary>
/// Messages that cannot succeed on real RabbitMQ: one that "crashes" every consumer that takes it (taken, never
/// answered, connection dropped) is dead-lettered by the quorum queue's delivery limit instead of looping; an
/// oversized request is refused unread; and an operator replays what the error queue holds once the cause is fixed.
/// </summary>
[Collection(RealServices.Name)]
public sealed class PoisonMessagesShould(ServicesFixture services) : IAsyncLifetime
{
    private const string WorkQueue = "fhirsync-sync-requested";
    private const string ErrorQueue = RabbitMqService.SyncRequestedErrorQueue;
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-poison-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "poison", 1);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_poison"), _outputRoot);
        await services.RabbitMq.PurgeAsync(ErrorQueue);
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
        await services.RabbitMq.PurgeAsync(ErrorQueue); // leave the shared error queue as it was found
    }

    [Fact]
    public async Task RefuseAMessageThatKilledEveryConsumerAndReplayItOnceTheTenantExists()
    {
        await using (await TestWorker.StartAsync(_settings))
        {
            // The worker declared its queue: a replicated quorum queue, which counts deliveries.
        }

        Assert.Equal("quorum", (await services.RabbitMq.QueueAsync(WorkQueue)).GetProperty("type").GetString());
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        var runId = Guid.NewGuid();
        await events.Bus.Publish(new SyncRequested { TenantId = "poison", RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
        await CrashOnDeliveriesAsync(5); // five workers took it and died before answering

        await using (await TestWorker.StartAsync(_settings))
        {
            await events.WaitForAsync(e => e.Failed.Any(f => f.RunId == runId && !f.WillRetry), TimeSpan.FromMinutes(1), "the sixth delivery to be refused");
        }

        Assert.Equal("the request was delivered 6 times without an answer, more than the 5 allowed (RabbitMq:DeliveryLimit): each attempt stopped its worker",
            events.Failed.Single(f => f.RunId == runId).Reason);
        var listed = await PublisherCli.RunAsync(_settings, "errors", "list");
        Assert.Matches($@"poison\s+{runId}\s+\S+ \S+\s+no\s+{ErrorQueue}\s+sync of tenant 'poison' failed at worker: the request was delivered 6 times", listed.Output);

        await (await TestWorker.OnboardingAsync(_settings)).AddAsync(new()
        {
            TenantId = "poison", DisplayName = "poison", Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
            MappingDocument = TenantSourceDatabases.PeopleMapping, SourceConnectionString = _sources[0].ConnectionString,
        }, CancellationToken.None);
        await using var worker = await TestWorker.StartAsync(_settings);
        var replayed = await PublisherCli.RunAsync(_settings, "errors", "replay", "--tenant", "poison");

        Assert.Contains("1 replayed, 0 left", replayed.Output, StringComparison.Ordinal); // listing took nothing away
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), TimeSpan.FromMinutes(1), "the replayed run");
        await Eventually.TrueAsync(async () => await services.RabbitMq.MessagesInQueueAsync(ErrorQueue) == 0, "the error queue to be empty"); // management counts lag a little
    }

    [Fact]
    public async Task RefuseAnOversizedRequestUnreadAndKeepItWithAReason()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);

        await events.Bus.Publish(new SyncRequested { TenantId = "poison", RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = new string('x', 70_000) });

        await events.WaitForAsync(e => e.Failed.Any(f => !f.WillRetry), TimeSpan.FromMinutes(1), "the oversized request to be refused");
        var failed = events.Failed.Single();
        Assert.Matches(@"^the request is \d+ bytes, more than the 65536 bytes a sync request may have", failed.Reason);
        await Eventually.TrueAsync(async () => await services.RabbitMq.MessagesInQueueAsync(ErrorQueue) == 1, "the request to reach the error queue");
    }

    /// <summary>Takes the message and drops the connection without an answer, as a consumer killed mid-run would.</summary>
    private async Task CrashOnDeliveriesAsync(int crashes)
    {
        var factory = new ConnectionFactory { Uri = services.RabbitMq.BrokerUrl };
        for (var crash = 0; crash < crashes; crash++)
        {
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            BasicGetResult? taken = null;
            for (var attempt = 0; attempt < 50 && taken is null; attempt++)
            {
                taken = await channel.BasicGetAsync(WorkQueue, autoAck: false);
                if (taken is null) await Task.Delay(100);
            }

            Assert.NotNull(taken);
            await connection.AbortAsync(); // no ack, no nack: the broker only sees the consumer vanish
        }
    }
}
