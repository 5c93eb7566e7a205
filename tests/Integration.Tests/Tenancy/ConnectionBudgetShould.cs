using System.Collections.Concurrent;
using System.Security.Cryptography;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Options;

namespace FhirSync.Integration.Tests.Tenancy;

/// <summary>
/// Two hundred registered tenants, each with its own database and login, read at once by far more callers than the
/// worker's global budget allows. The server's own process list shows the budget is never exceeded.
/// </summary>
[Collection(RealServices.Name)]
public sealed class ConnectionBudgetShould(ServicesFixture services) : IAsyncLifetime
{
    private const int Tenants = 200;
    private const int Budget = 20;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "budget", Tenants);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_budget"), Path.GetTempPath());
        var registry = await TestWorker.RegistryAsync(_settings);
        var protector = TestWorker.Protector(_settings);
        for (var i = 0; i < Tenants; i++)
        {
            var tenantId = TenantId.Parse($"budget-{i:000}");
            await registry.UpsertAsync(new TenantRegistration
            {
                TenantId = tenantId,
                DisplayName = tenantId.Value,
                EncryptedSourceConnection = protector.Protect(tenantId.Value, _sources[i].ConnectionString),
                Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
                MappingDocument = TenantSourceDatabases.PeopleMapping,
                IdSalt = RandomNumberGenerator.GetBytes(32),
            }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _sources.DisposeAsync();

    /// <summary>Sessions the server may still list after the pool closed them (seen: up to 6 on a loaded 2-core machine).</summary>
    private const int TeardownLag = 10;

    [Fact]
    public async Task NeverBeExceededByTwoHundredTenantsReadingAtOnce()
    {
        var registry = await TestWorker.RegistryAsync(_settings);
        var resolver = new TenantResolver(registry, TestWorker.Protector(_settings), new TenantConfigCache(TimeProvider.System, Options.Create(new TenantCacheOptions())));
        var tenants = new List<TenantContext>();
        foreach (var registration in await registry.ListAsync(enabledOnly: true, CancellationToken.None))
            tenants.Add(await resolver.ResolveAsync(registration.TenantId.Value, CancellationToken.None));
        Assert.Equal(Tenants, tenants.Count);

        await using var pools = PoolTenants.Manager(budget: Budget, perTenant: 2, acquireTimeout: TimeSpan.FromMinutes(1));
        using var sampling = new CancellationTokenSource();
        var serverPeak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                serverPeak = Math.Max(serverPeak, await _sources.ServerConnectionsAsync());
                await Task.Delay(5);
            }
        });

        // Three reads per tenant, 80 callers at a time, each holding its connection briefly.
        var wrongDatabase = new ConcurrentBag<string>();
        var work = tenants.SelectMany(tenant => Enumerable.Repeat(tenant, 3)).ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 80 }, async (tenant, _) =>
        {
            var database = await PoolTenants.ReadThroughAsync(pools, tenant, TimeSpan.FromMilliseconds(10));
            if (database != _sources[int.Parse(tenant.TenantId.Value[7..], System.Globalization.CultureInfo.InvariantCulture)].Database) wrongDatabase.Add(tenant.TenantId.Value);
        });
        await sampling.CancelAsync();
        await sampler;

        Assert.Empty(wrongDatabase);
        Assert.Equal(Budget, pools.Budget.Peak); // the budget was reached, so the test did press on it...
        // ...and the server never saw many more. Exactly the budget is the pool's own count above: the server drops a
        // closed session a moment after the client quit, so under this churn (80 callers, 10 ms holds) it can still list
        // a few the pool already closed. A pool that ignored the budget would show up to 80 here.
        Assert.InRange(serverPeak, 1, Budget + TeardownLag);
        Assert.InRange(await _sources.ServerConnectionsAsync(), 0, Budget);
        await pools.DisposeAsync();
        Assert.Equal(0, await _sources.ServerConnectionsAsync(settlesAt: 0));
    }
}
