using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Tenancy;

/// <summary>
/// The source pool manager on real MariaDB logins: lazy pools, a check of every connection handed out, idle eviction
/// on a fake clock, per-tenant limits, and the worker's global connection budget, counted by the server itself.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantSourcePoolsShould(ServicesFixture services) : IAsyncLifetime
{
    private TenantSourceDatabases _sources = null!;

    public async Task InitializeAsync() => _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "pool", 3);

    public async Task DisposeAsync() => await _sources.DisposeAsync();

    [Fact]
    public async Task OpenNothingUntilATenantIsUsedAndThenOnlyThatTenantsPool()
    {
        await using var pools = PoolTenants.Manager();
        var first = PoolTenants.Context(_sources[0], 0);
        _ = pools.For(PoolTenants.Context(_sources[1], 1));

        Assert.Empty(pools.OpenConnectionsByTenant);
        Assert.Equal(_sources[0].Database, await PoolTenants.ReadThroughAsync(pools, first));

        Assert.Equal([first.TenantId], pools.OpenConnectionsByTenant.Keys);
        Assert.Equal(1, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 1));
        Assert.Equal(0, await _sources.ServerConnectionsAsync(_sources[1].User, settlesAt: 0));
    }

    [Fact]
    public async Task DiscardAConnectionThatLeftTheTenantsDatabaseAndHandOutAFreshOne()
    {
        await using var pools = PoolTenants.Manager();
        var tenant = PoolTenants.Context(_sources[0], 0);
        long strayConnectionId;
        await using (var lease = await pools.For(tenant).OpenAsync(CancellationToken.None))
        {
            strayConnectionId = lease.Connection.ServerThread;
            await using var use = new MySqlCommand("USE information_schema", lease.Connection);
            await use.ExecuteNonQueryAsync();
        }

        await using var next = await pools.For(tenant).OpenAsync(CancellationToken.None);
        await using var where = new MySqlCommand("SELECT DATABASE()", next.Connection);

        Assert.Equal(_sources[0].Database, await where.ExecuteScalarAsync());
        Assert.NotEqual(strayConnectionId, next.Connection.ServerThread);
        Assert.Equal(1, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 1));
    }

    [Fact]
    public async Task RefuseAConnectionStringThatNamesNoDatabase()
    {
        await using var pools = PoolTenants.Manager();
        var withoutDatabase = new MySqlConnectionStringBuilder(_sources[0].ConnectionString) { Database = string.Empty }.ConnectionString;

        var refused = await Assert.ThrowsAsync<TenantConnectionRefusedException>(() =>
            PoolTenants.ReadThroughAsync(pools, PoolTenants.Context("no-database", withoutDatabase)));

        Assert.Equal("a source connection of tenant 'no-database' was refused: its source connection names no database", refused.Message);
        Assert.DoesNotContain(_sources[0].Password, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fs_a@localhost", "db_a", null)]
    [InlineData("fs_a@%", "db_a", null)]
    [InlineData("@localhost", "db_a", "account ''")] // authenticated as the anonymous account
    [InlineData("fs_b@%", "db_a", "account 'fs_b'")]
    [InlineData("fs_a@%", "db_b", "database 'db_b'")]
    [InlineData("fs_a@%", null, "database '(none)'")]
    public void CheckTheAccountAndDatabaseOfEveryConnection(string currentUser, string? database, string? problem)
    {
        var login = SourceLogin.Of(TenantId.Parse("a"), new MySqlConnectionStringBuilder("Server=h;User ID=fs_a;Database=db_a"));

        var mismatch = login.MismatchOf(currentUser, database);

        if (problem is null) Assert.Null(mismatch);
        else Assert.Contains(problem, mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvictPoolsIdleLongerThanTheLimitAndCloseTheirConnections()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var pools = PoolTenants.Manager(clock);
        var (quiet, busy) = (PoolTenants.Context(_sources[0], 0), PoolTenants.Context(_sources[1], 1));
        await Task.WhenAll(PoolTenants.ReadThroughAsync(pools, quiet, TimeSpan.FromMilliseconds(100)), PoolTenants.ReadThroughAsync(pools, quiet, TimeSpan.FromMilliseconds(100)));
        await PoolTenants.ReadThroughAsync(pools, busy);
        Assert.Equal(2, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 2));

        clock.Advance(TimeSpan.FromMinutes(29));
        await PoolTenants.ReadThroughAsync(pools, busy);
        Assert.Equal(0, await pools.EvictIdleAsync());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await pools.EvictIdleAsync());

        Assert.Equal([busy.TenantId], pools.OpenConnectionsByTenant.Keys);
        Assert.Equal(0, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 0));
        Assert.Equal(1, await _sources.ServerConnectionsAsync(_sources[1].User, settlesAt: 1));
        Assert.Equal(_sources[0].Database, await PoolTenants.ReadThroughAsync(pools, quiet)); // a new pool, lazily
    }

    [Fact]
    public async Task WaitForItsOwnLimitAndThenFailNamingIt()
    {
        await using var pools = PoolTenants.Manager(perTenant: 2, acquireTimeout: TimeSpan.FromMilliseconds(300));
        var tenant = PoolTenants.Context(_sources[0], 0);
        await using var first = await pools.For(tenant).OpenAsync(CancellationToken.None);
        await using var second = await pools.For(tenant).OpenAsync(CancellationToken.None);

        var exhausted = await Assert.ThrowsAsync<SourceConnectionsExhaustedException>(() => PoolTenants.ReadThroughAsync(pools, tenant));

        Assert.Equal("tenant 'pool-0' got no source connection: all 2 of its own connections stayed in use for 0.3 s", exhausted.Message);
        Assert.Equal(2, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 2));
    }

    [Fact]
    public async Task FailNamingTheGlobalBudgetWhenOtherTenantsHoldAllOfIt()
    {
        await using var pools = PoolTenants.Manager(budget: 2, acquireTimeout: TimeSpan.FromMilliseconds(300));
        var (holder, waiter) = (PoolTenants.Context(_sources[0], 0), PoolTenants.Context(_sources[1], 1));
        await using var first = await pools.For(holder).OpenAsync(CancellationToken.None);
        await using var second = await pools.For(holder).OpenAsync(CancellationToken.None);

        var exhausted = await Assert.ThrowsAsync<SourceConnectionsExhaustedException>(() => PoolTenants.ReadThroughAsync(pools, waiter));

        Assert.Contains("all 2 source connections of the worker's global budget stayed in use", exhausted.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _sources.ServerConnectionsAsync(_sources[1].User, settlesAt: 0));
    }

    [Fact]
    public async Task CloseAnotherTenantsIdleConnectionRatherThanMakeATenantWait()
    {
        await using var pools = PoolTenants.Manager(budget: 2, acquireTimeout: TimeSpan.FromSeconds(5));
        var (earlier, later) = (PoolTenants.Context(_sources[0], 0), PoolTenants.Context(_sources[1], 1));
        await Task.WhenAll(PoolTenants.ReadThroughAsync(pools, earlier, TimeSpan.FromMilliseconds(100)), PoolTenants.ReadThroughAsync(pools, earlier, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(2, pools.Budget.Open);

        Assert.Equal(_sources[1].Database, await PoolTenants.ReadThroughAsync(pools, later));

        Assert.Equal(2, pools.Budget.Open);
        Assert.Equal(1, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 1));
        Assert.Equal(1, await _sources.ServerConnectionsAsync(_sources[1].User, settlesAt: 1));
    }

    [Fact]
    public async Task ReplaceAPoolWhenTheTenantsConnectionStringChanges()
    {
        await using var pools = PoolTenants.Manager();
        await PoolTenants.ReadThroughAsync(pools, PoolTenants.Context(_sources[0], 0));

        // Same tenant id, its connection string changed by an operator: the old pool's connections must not be reused.
        var moved = PoolTenants.Context("pool-0", _sources[2].ConnectionString);
        Assert.Equal(_sources[2].Database, await PoolTenants.ReadThroughAsync(pools, moved));

        Assert.Equal(0, await _sources.ServerConnectionsAsync(_sources[0].User, settlesAt: 0));
        Assert.Equal(1, pools.Budget.Open);
    }
}
