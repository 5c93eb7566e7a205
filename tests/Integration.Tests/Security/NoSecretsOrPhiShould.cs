using System.Security.Cryptography;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Canary values planted in rows (PHI) and in credentials (a source password, a wrong password, the master key),
/// then failures forced at every stage: a row that cannot be mapped, a bad mapping, a database down, a login refused,
/// a sink down, an unknown tenant and a malformed message. None of the canaries may appear in the worker's logs (its
/// real Serilog pipeline at Verbose), in the events it publishes, in the error queue (bodies and headers) or in any
/// metric tag.
/// </summary>
[Collection(RealServices.Name)]
public sealed class NoSecretsOrPhiShould(ServicesFixture services) : IAsyncLifetime
{
    private const string ErrorQueue = "fhirsync-sync-requested_error";
    private static readonly string Run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private static readonly string PhiName = $"Zqxcanaryname{Run}";
    private static readonly string PhiBirth = $"canarybirth{Run}";
    private static readonly string SourcePassword = $"canarysourcepw{Run}";
    private static readonly string WrongPassword = $"canarywrongpw{Run}";

    private const string Mapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"],
          "elements": [ { "path": "name[0].family", "column": "family_name" }, { "path": "birthDate", "column": "birth" } ] } ] }
        """;

    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-canary-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "canary", 1);
        var source = _sources[0];
        await services.MariaDb.ExecuteAsync($"""
            ALTER USER '{source.User}'@'%' IDENTIFIED BY '{SourcePassword}';
            ALTER TABLE `{source.Database}`.people ADD COLUMN birth VARCHAR(40) NULL;
            UPDATE `{source.Database}`.people SET family_name = CONCAT('{PhiName}', id), birth = '1980-02-03';
            UPDATE `{source.Database}`.people SET birth = '{PhiBirth}' WHERE id = 2;
            """);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_canary"), _outputRoot);
        _settings["Logging:Json"] = "true";
        _settings["Serilog:MinimumLevel:Default"] = "Verbose";

        var login = Login(source.Database, SourcePassword);
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        var ndjson = new SinkSettings { Kind = SinkSettings.Ndjson };
        await onboarding.AddAsync(new() { TenantId = "canary-ok", DisplayName = "ok", Sink = ndjson, MappingDocument = Mapping, SourceConnectionString = login }, CancellationToken.None);
        await onboarding.AddAsync(new()
        {
            TenantId = "canary-mapping", DisplayName = "bad mapping", Sink = ndjson with { Folder = "canary-mapping" },
            MappingDocument = Mapping.Replace("\"birth\"", "\"no_such_column\"", StringComparison.Ordinal), SourceConnectionString = login,
        }, CancellationToken.None);
        await onboarding.AddAsync(new()
        {
            TenantId = "canary-sink-down", DisplayName = "sink down", MappingDocument = Mapping, SourceConnectionString = login,
            Sink = new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = new Uri("http://127.0.0.1:1/fhir/R4") },
        }, CancellationToken.None);

        // Registered while their logins worked, then broken as an outage or a rotated password would break them.
        var registry = await TestWorker.RegistryAsync(_settings);
        var protector = TestWorker.Protector(_settings);
        var ok = (await registry.FindAsync(TenantId.Parse("canary-ok"), CancellationToken.None))!;
        foreach (var (tenant, connection) in new[]
        {
            ("canary-db-down", new MySqlConnectionStringBuilder(login) { Port = 1, ConnectionTimeout = 2 }.ConnectionString),
            ("canary-wrong-pw", Login(source.Database, WrongPassword)),
        })
        {
            await registry.UpsertAsync(ok with
            {
                TenantId = TenantId.Parse(tenant), Sink = ndjson with { Folder = tenant }, EncryptedSourceConnection = protector.Protect(tenant, connection),
            }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task NeverShowACanaryInLogsEventsErrorQueuesOrMetrics()
    {
        string logs;
        IReadOnlyCollection<string> metricTags;
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        using (var output = new CapturedOutput())
        {
            await using (await TestWorker.StartAsync(_settings, productionLogging: true))
            {
                foreach (var tenant in new[] { "canary-ok", "canary-mapping", "canary-db-down", "canary-wrong-pw", "canary-sink-down", "canary-ghost" })
                    await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
                await services.RabbitMq.PublishRawAsync("fhirsync.v1.sync-requested", """{ "messageType": ["urn:message:fhirsync:v1:sync-requested"], "message": { "tenantId": """, "application/vnd.masstransit+json");

                await events.WaitForAsync(e => e.Completed.Count == 1 && e.Failed.Count(f => !f.WillRetry) == 5, TimeSpan.FromMinutes(2), "one success and five final failures");
                await WaitForErrorQueueAsync(6);
            }

            logs = output.ConsoleText;
            metricTags = output.MetricTags;
        }

        // The failures really happened, at the stages they were forced at, and were logged.
        var stages = events.Failed.Where(f => !f.WillRetry).ToDictionary(f => f.TenantId, f => f.Stage);
        Assert.Equal(("mapping", "source", "source", "sink", "tenant"),
            (stages["canary-mapping"], stages["canary-db-down"], stages["canary-wrong-pw"], stages["canary-sink-down"], stages["canary-ghost"]));
        Assert.Equal(1, Assert.Single(events.Completed).Resources.Single().RowsRejected);
        Assert.Contains("rejected", logs, StringComparison.Ordinal);
        Assert.Contains("canary-wrong-pw", logs, StringComparison.Ordinal);
        Assert.NotEmpty(metricTags);

        var errorQueue = (await services.RabbitMq.TakeMessagesAsync(ErrorQueue, 20)).ToString();
        Assert.Contains("MT-Fault-Message", errorQueue, StringComparison.Ordinal);
        var published = string.Join("\n", events.Failed.Select(f => f.Reason));
        foreach (var (canary, what) in new[]
        {
            (PhiName, "a patient's name"), (PhiBirth, "an unmappable birth date"), (SourcePassword, "the source password"),
            (WrongPassword, "a wrong password"), (_settings["Secrets:Key"]!, "the master key"),
        })
        {
            Assert.False(logs.Contains(canary, StringComparison.Ordinal), $"{what} reached the logs");
            Assert.False(errorQueue.Contains(canary, StringComparison.Ordinal), $"{what} reached the error queue");
            Assert.False(published.Contains(canary, StringComparison.Ordinal), $"{what} reached a SyncFailed event");
            Assert.DoesNotContain(metricTags, tag => tag.Contains(canary, StringComparison.Ordinal));
        }
    }

    private string Login(string database, string password) => services.MariaDb.LoginTo(database, _sources[0].User, password);

    private async Task WaitForErrorQueueAsync(int expected)
    {
        for (var attempt = 0; attempt < 100 && await services.RabbitMq.MessagesInQueueAsync(ErrorQueue) < expected; attempt++) await Task.Delay(200);
    }
}
