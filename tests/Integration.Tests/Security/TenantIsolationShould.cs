using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Publisher.Onboarding;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// A message naming tenant A touches A's pool, cache entry and store only, whatever the ids in other messages look
/// like; and no two tenants can be registered onto the same store, or one inside the other's.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantIsolationShould(ServicesFixture services) : IAsyncLifetime
{
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-isolation-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "iso", 3);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_isolation"), _outputRoot);
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        foreach (var (tenant, source) in new[] { ("iso-a", _sources[0]), ("iso-b", _sources[1]) })
        {
            await onboarding.AddAsync(new()
            {
                TenantId = tenant, DisplayName = tenant, Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
                MappingDocument = TenantSourceDatabases.PeopleMapping, SourceConnectionString = source.ConnectionString,
            }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task TouchOnlyTheNamedTenantsPoolCacheAndStoreWhateverTheIdsLookLike()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        string[] lookalikes = ["iso-a\n", "ISO-A", "iso-a ", " iso-b", "iso-a/../iso-b", "iso-b\0", "iso-\u0430", "iso-a;iso-b", "iso-a%00", "iso-b\u200B", ""];

        foreach (var tenantId in lookalikes.Append("iso-a"))
            await events.Bus.Publish(new SyncRequested { TenantId = tenantId, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
        await events.WaitForAsync(e => e.Completed.Count == 1 && e.Failed.Count == lookalikes.Length, TimeSpan.FromMinutes(1), "every request answered");

        Assert.Equal("iso-a", Assert.Single(events.Completed).TenantId);
        Assert.All(events.Failed, failed => Assert.Equal(("tenant", false), (failed.Stage, failed.WillRetry)));
        Assert.Equal([TenantId.Parse("iso-a")], worker.Services.GetRequiredService<TenantSourcePools>().OpenConnectionsByTenant.Keys);
        Assert.Equal([TenantId.Parse("iso-a")], worker.Services.GetRequiredService<TenantConfigCache>().CachedTenants);
        Assert.Equal(0, await _sources.ServerConnectionsAsync(_sources[1].User));

        Assert.Equal(["iso-a"], NdjsonReader.TenantFolders(_outputRoot));
        var written = await File.ReadAllLinesAsync(Path.Combine(_outputRoot, "iso-a", "Patient.ndjson"));
        Assert.Equal(3, written.Length);
        Assert.All(written, line => Assert.Contains("urn:fhirsync:iso-a:people", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("iso-a")]
    [InlineData("iso-a/nested")]
    [InlineData("./iso-b/../iso-a")]
    [InlineData("ISO-A")]
    public async Task RefuseAStoreThatIsOrLiesInsideAnotherTenants(string folder)
    {
        var onboarding = await TestWorker.OnboardingAsync(_settings);

        var refused = await Assert.ThrowsAsync<SinkAlreadyUsedException>(() => onboarding.AddAsync(new()
        {
            TenantId = "iso-c", DisplayName = "iso-c", Sink = new SinkSettings { Kind = SinkSettings.Ndjson, Folder = folder },
            MappingDocument = TenantSourceDatabases.PeopleMapping, SourceConnectionString = _sources[2].ConnectionString,
        }, CancellationToken.None));

        Assert.Contains("the store of tenant 'iso-a'", refused.Message, StringComparison.Ordinal);
        Assert.Null(await (await TestWorker.RegistryAsync(_settings)).FindAsync(TenantId.Parse("iso-c"), CancellationToken.None));
    }

    [Fact]
    public async Task RefuseTheSameFhirBaseSpelledDifferently()
    {
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        await onboarding.AddAsync(FhirTenant("fhir-one", "http://127.0.0.1:8103/fhir/R4"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SinkAlreadyUsedException>(() =>
            onboarding.AddAsync(FhirTenant("fhir-two", "HTTP://127.0.0.1:8103/fhir/R4/"), CancellationToken.None));

        Assert.Contains("'fhir-one'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaveTheDatabaseRefuseASharedStoreEvenWhenOnboardingIsBypassed()
    {
        var registry = await TestWorker.RegistryAsync(_settings);
        var a = (await registry.FindAsync(TenantId.Parse("iso-a"), CancellationToken.None))!;

        // As a second operator racing the first would: straight to the registry, past onboarding's overlap check.
        var refused = await Assert.ThrowsAsync<SinkAlreadyUsedException>(() =>
            registry.UpsertAsync(a with { TenantId = TenantId.Parse("iso-c"), Sink = a.Sink with { Folder = "iso-a" } }, CancellationToken.None));

        Assert.Contains("the store of tenant 'iso-a'", refused.Message, StringComparison.Ordinal);
    }

    private TenantOnboardingRequest FhirTenant(string tenantId, string baseUrl) => new()
        {
        TenantId = tenantId, DisplayName = tenantId, Sink = new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = new Uri(baseUrl) },
        MappingDocument = TenantSourceDatabases.PeopleMapping, SourceConnectionString = _sources[2].ConnectionString,
    };
}
