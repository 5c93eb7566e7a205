using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Consumers;

/// <summary>
/// Bad input on real services: an unknown tenant, a mapping naming a missing column, a tenant whose database cannot
/// be reached, a tenant whose stored connection was tampered with, and one whose source connection was copied into
/// its sink credentials column. Each fails alone with a clear reason, the message is kept in the error queue, and a
/// healthy tenant synced at the same time completes.
/// </summary>
[Collection(RealServices.Name)]
public sealed class SyncRequestedFailuresShould(ServicesFixture services) : IAsyncLifetime
{
    private const string PasswordCanary = "canary-pw-7Q2Z";
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-failures-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_failures"), _outputRoot);
        await services.RabbitMq.PurgeAsync(RabbitMqService.SyncRequestedErrorQueue); // shared by the run's tests; this one counts it
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

        // Registered healthy, then one bit of the stored connection flipped, as a write to the control database could.
        await onboarding.AddAsync(new()
        {
            TenantId = "tampered-secret", DisplayName = "tampered secret", Sink = ndjson, MappingDocument = hospital.MappingDocument,
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);
        var tampered = (await registry.FindAsync(TenantId.Parse("tampered-secret"), CancellationToken.None))!;
        await registry.UpsertAsync(tampered with { EncryptedSourceConnection = StoredSecret.Tampered(tampered.EncryptedSourceConnection) }, CancellationToken.None);

        // A valid ciphertext of the right tenant and key, in the wrong column: its purpose does not match.
        await onboarding.AddAsync(new()
        {
            TenantId = "swapped-secret", DisplayName = "swapped secret", Sink = ndjson, MappingDocument = hospital.MappingDocument,
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);
        var swapped = (await registry.FindAsync(TenantId.Parse("swapped-secret"), CancellationToken.None))!;
        await registry.UpsertAsync(swapped with { EncryptedSinkCredentials = swapped.EncryptedSourceConnection }, CancellationToken.None);
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

        foreach (var tenant in new[] { "ghost-tenant", "broken-mapping", "database-down", "tampered-secret", "swapped-secret", "healthy" })
            await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });

        await events.WaitForAsync(e => e.Completed.Count == 1 && e.Failed.Count(f => !f.WillRetry) == 5, TimeSpan.FromMinutes(2), "one success and five final failures");

        Assert.Equal("healthy", Assert.Single(events.Completed).TenantId);
        var final = events.Failed.Where(f => !f.WillRetry).ToDictionary(f => f.TenantId);
        Assert.Equal(("tenant", "tenant 'ghost-tenant' is not registered"), (final["ghost-tenant"].Stage, final["ghost-tenant"].Reason));
        Assert.Equal("mapping", final["broken-mapping"].Stage);
        Assert.Contains("column 'no_such_column' does not exist in table 'patients'", final["broken-mapping"].Reason, StringComparison.Ordinal);
        Assert.Equal("source", final["database-down"].Stage);
        Assert.Equal(("tenant", "the stored source connection of tenant 'tampered-secret' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)"),
            (final["tampered-secret"].Stage, final["tampered-secret"].Reason));
        Assert.Equal(("tenant", "the stored sink credentials of tenant 'swapped-secret' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)"),
            (final["swapped-secret"].Stage, final["swapped-secret"].Reason));
        // Only the transient failure was retried; the permanent ones went straight to the error queue.
        Assert.Equal(["database-down"], events.Failed.Where(f => f.WillRetry).Select(f => f.TenantId).Distinct());

        var deadLetters = await services.RabbitMq.TakeDeadLettersAsync(expected: 5);
        var kept = deadLetters.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement.GetProperty("message").GetProperty("tenantId").GetString());
        Assert.Equal(["broken-mapping", "database-down", "ghost-tenant", "swapped-secret", "tampered-secret"], kept.Order(StringComparer.Ordinal));
        var headers = string.Join("\n", deadLetters.EnumerateArray().Select(m => m.GetProperty("properties").GetProperty("headers").ToString()));
        Assert.Contains("MT-Fault-Message", headers, StringComparison.Ordinal);
        Assert.DoesNotContain(PasswordCanary, headers, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoTenant.HospitalA.Password, headers, StringComparison.Ordinal);
    }
}
