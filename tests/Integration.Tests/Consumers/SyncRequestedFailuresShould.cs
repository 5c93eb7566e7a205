using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Consumers;

/// <summary>
/// Bad input on real services: an unknown tenant, a mapping naming a missing column, and a tenant whose database
/// cannot be reached. Each fails alone with a clear reason, the message is kept in the error queue, and a healthy
/// tenant synced at the same time completes.
/// </summary>
[Collection(RealServices.Name)]
public sealed class SyncRequestedFailuresShould(ServicesFixture services) : IAsyncLifetime
{
    private const string ErrorQueue = "fhirsync-sync-requested_error";
    private const string PasswordCanary = "canary-pw-7Q2Z";
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-failures-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_failures"), _outputRoot);
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        var hospital = DemoTenant.HospitalA;
        var ndjson = new SinkSettings { Kind = SinkSettings.Ndjson };
        await onboarding.AddAsync(new()
        {
            TenantId = "healthy", DisplayName = "healthy", Sink = ndjson, MappingDocument = hospital.MappingDocument,
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);
        await onboarding.AddAsync(new()
        {
            TenantId = "broken-mapping", DisplayName = "broken mapping", Sink = ndjson,
            MappingDocument = hospital.MappingDocument.Replace("\"patient_surname\"", "\"no_such_column\"", StringComparison.Ordinal),
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);

        // Registered while reachable, then pointed at a port where nothing listens: the database is "down".
        await onboarding.AddAsync(new()
        {
            TenantId = "database-down", DisplayName = "database down", Sink = ndjson, MappingDocument = hospital.MappingDocument,
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);
        var registry = (await TestWorker.RegistryAsync(_settings));
        var down = (await registry.FindAsync(TenantId.Parse("database-down"), CancellationToken.None))!;
        await registry.UpsertAsync(down with
        {
            EncryptedSourceConnection = TestWorker.Protector(_settings).Protect("database-down",
                $"Server=127.0.0.1;Port=1;Database={hospital.Database};User ID={hospital.User};Password={PasswordCanary};Connection Timeout=2"),
        }, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FailEachBadTenantAloneAndKeepItsMessageWithAReason()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);

        foreach (var tenant in new[] { "ghost-tenant", "broken-mapping", "database-down", "healthy" })
            await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });

        await events.WaitForAsync(e => e.Completed.Count == 1 && e.Failed.Count(f => !f.WillRetry) == 3, TimeSpan.FromMinutes(2), "one success and three final failures");

        Assert.Equal("healthy", Assert.Single(events.Completed).TenantId);
        var final = events.Failed.Where(f => !f.WillRetry).ToDictionary(f => f.TenantId);
        Assert.Equal(("tenant", "tenant 'ghost-tenant' is not registered"), (final["ghost-tenant"].Stage, final["ghost-tenant"].Reason));
        Assert.Equal("mapping", final["broken-mapping"].Stage);
        Assert.Contains("column 'no_such_column' does not exist in table 'patients'", final["broken-mapping"].Reason, StringComparison.Ordinal);
        Assert.Equal("source", final["database-down"].Stage);
        // Only the transient failure was retried; the permanent ones went straight to the error queue.
        Assert.Equal(["database-down"], events.Failed.Where(f => f.WillRetry).Select(f => f.TenantId).Distinct());

        var deadLetters = await WaitForErrorQueueAsync(expected: 3);
        var kept = deadLetters.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.GetProperty("message").GetProperty("tenantId").GetString());
        Assert.Equal(["broken-mapping", "database-down", "ghost-tenant"], kept.Order());
        var headers = string.Join("\n", deadLetters.EnumerateArray().Select(m => m.GetProperty("properties").GetProperty("headers").ToString()));
        Assert.Contains("MT-Fault-Message", headers, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordCanary, headers, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoTenant.HospitalA.Password, headers, StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForErrorQueueAsync(int expected)
    {
        for (var attempt = 0; attempt < 100 && await services.RabbitMq.MessagesInQueueAsync(ErrorQueue) < expected; attempt++) await Task.Delay(200);
        return await services.RabbitMq.TakeMessagesAsync(ErrorQueue, expected + 5);
    }
}
