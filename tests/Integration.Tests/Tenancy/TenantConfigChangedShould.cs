using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.Tenancy;

/// <summary>
/// Two worker processes' worth of hosts on one broker and control database: an operator's change through the CLI
/// reaches both at once, long before the cache's five minutes, and drops each one's cached copy and source pool.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantConfigChangedShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Tenant = "changing";
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-config-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_config"), _outputRoot);
        var hospital = DemoTenant.HospitalA;
        await (await TestWorker.OnboardingAsync(_settings)).AddAsync(new()
        {
            TenantId = Tenant, DisplayName = Tenant, Sink = new SinkSettings { Kind = SinkSettings.Ndjson }, MappingDocument = hospital.MappingDocument,
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
        }, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DropTheTenantFromEveryWorkerAsSoonAsAnOperatorChangesIt()
    {
        await using var first = await TestWorker.StartAsync(_settings);
        await using var second = await TestWorker.StartAsync(_settings);
        foreach (var worker in new[] { first, second })
        {
            var tenant = await worker.Services.GetRequiredService<TenantResolver>().ResolveAsync(Tenant, CancellationToken.None);
            await using var lease = await worker.Services.GetRequiredService<TenantSourcePools>().For(tenant).OpenAsync(CancellationToken.None);
        }

        Assert.All(new[] { first, second }, worker => Assert.Contains(TenantId.Parse(Tenant), Cached(worker)));

        var disabled = await PublisherCli.RunAsync(_settings, "tenant", "disable", "--id", Tenant);
        Assert.Equal((0, ""), (disabled.ExitCode, disabled.Error));

        foreach (var worker in new[] { first, second })
        {
            await Eventually(() => Cached(worker).Count == 0 && Pools(worker).Count == 0, "the change reached the worker");
            var refused = await Assert.ThrowsAsync<UnknownTenantException>(() =>
                worker.Services.GetRequiredService<TenantResolver>().ResolveAsync(Tenant, CancellationToken.None));
            Assert.Equal($"tenant '{Tenant}' is disabled", refused.Message);
        }

        Assert.Equal(0, (await PublisherCli.RunAsync(_settings, "tenant", "enable", "--id", Tenant)).ExitCode);
        var resolved = await first.Services.GetRequiredService<TenantResolver>().ResolveAsync(Tenant, CancellationToken.None);
        Assert.Equal(Tenant, resolved.TenantId.Value);
    }

    private static IReadOnlyCollection<TenantId> Cached(TestWorker worker) => worker.Services.GetRequiredService<TenantConfigCache>().CachedTenants;

    private static IReadOnlyDictionary<TenantId, int> Pools(TestWorker worker) => worker.Services.GetRequiredService<TenantSourcePools>().OpenConnectionsByTenant;

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
