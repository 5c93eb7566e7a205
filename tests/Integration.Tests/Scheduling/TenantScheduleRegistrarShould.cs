using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Scheduling;

/// <summary>
/// Tenant schedules in Quartz's persistent store, in the control database: a sync and a reconciliation trigger per
/// enabled tenant in its own time zone, and a tenant disabled since the last start loses both instead of firing into
/// an error, at its next start or at once when an operator announces the change.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantScheduleRegistrarShould(ServicesFixture services) : IAsyncLifetime
{
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "schedules", 2);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_schedules"), Path.GetTempPath());
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        foreach (var (tenant, index) in new[] { ("nightly-utc", 0), ("nightly-lima", 1) })
        {
            await onboarding.AddAsync(new()
            {
                TenantId = tenant, DisplayName = tenant, Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
                MappingDocument = TenantSourceDatabases.PeopleMapping, SourceConnectionString = _sources[index].ConnectionString,
                ScheduleTimeZone = index == 0 ? "UTC" : "America/Lima",
            }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _sources.DisposeAsync();

    [Fact]
    public async Task KeepASyncAndAReconcileTriggerPerEnabledTenantAndDropADisabledTenantsOnTheNextStart()
    {
        await using (await TestWorker.StartAsync(_settings)) { }

        Assert.Equal(
            ["tenant-reconciles nightly-lima 0 0 3 ? * SUN America/Lima", "tenant-reconciles nightly-utc 0 0 3 ? * SUN UTC",
             "tenant-syncs nightly-lima 0 0 2 * * ? America/Lima", "tenant-syncs nightly-utc 0 0 2 * * ? UTC"],
            await StoredTriggersAsync());

        await (await TestWorker.RegistryAsync(_settings)).SetEnabledAsync(TenantId.Parse("nightly-lima"), enabled: false, CancellationToken.None);
        await using (await TestWorker.StartAsync(_settings)) { }

        Assert.Equal(["tenant-reconciles nightly-utc 0 0 3 ? * SUN UTC", "tenant-syncs nightly-utc 0 0 2 * * ? UTC"], await StoredTriggersAsync());
    }

    [Fact]
    public async Task FollowAnOperatorsChangeOfCronOrEnablementAtOnceOnTheRunningCluster()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        var registry = await TestWorker.RegistryAsync(_settings);
        var lima = TenantId.Parse("nightly-lima");

        await registry.UpsertAsync((await registry.FindAsync(lima, CancellationToken.None))! with { ScheduleCron = "0 30 1 * * ?" }, CancellationToken.None);
        await events.Bus.Publish(new TenantConfigChanged { TenantId = "nightly-lima", Change = "updated", ChangedAt = DateTimeOffset.UtcNow });
        await Eventually.ValueAsync(StoredTriggersAsync, triggers => triggers.Contains("tenant-syncs nightly-lima 0 30 1 * * ? America/Lima"), "the new cron", describe: Listed);
        await registry.SetEnabledAsync(lima, enabled: false, CancellationToken.None);
        await events.Bus.Publish(new TenantConfigChanged { TenantId = "nightly-lima", Change = "disabled", ChangedAt = DateTimeOffset.UtcNow });

        await Eventually.ValueAsync(StoredTriggersAsync, triggers => !triggers.Any(t => t.Contains("nightly-lima", StringComparison.Ordinal)), "the disabled tenant's triggers to go", describe: Listed);
        Assert.Equal(["tenant-reconciles nightly-utc 0 0 3 ? * SUN UTC", "tenant-syncs nightly-utc 0 0 2 * * ? UTC"], await StoredTriggersAsync());
    }

    private static string Listed(List<string> triggers) => string.Join("; ", triggers);

    private async Task<List<string>> StoredTriggersAsync()
    {
        await using var connection = new MySqlConnection(_settings["ControlDatabase:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("""
            SELECT CONCAT(t.TRIGGER_GROUP, ' ', t.TRIGGER_NAME, ' ', c.CRON_EXPRESSION, ' ', c.TIME_ZONE_ID)
            FROM QRTZ_TRIGGERS t JOIN QRTZ_CRON_TRIGGERS c USING (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
            ORDER BY 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var triggers = new List<string>();
        while (await reader.ReadAsync()) triggers.Add(reader.GetString(0));
        return triggers;
    }
}
