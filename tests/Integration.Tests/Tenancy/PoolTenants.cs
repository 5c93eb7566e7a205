using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FhirSync.Integration.Tests.Tenancy;

/// <summary>Tenant contexts over <see cref="TenantSourceDatabases"/> and pool managers with test limits.</summary>
internal static class PoolTenants
{
    private static readonly CompiledMapping PeopleMapping =
        MappingCompiler.Compile(TenantSourceDatabases.PeopleMapping, "people", new TenantResourceIdentity("pool", new byte[32]));

    public static TenantContext Context(string tenantId, string connectionString) =>
        new(TenantId.Parse(tenantId), tenantId, connectionString, PeopleMapping, new SinkSettings { Kind = SinkSettings.Ndjson }, sinkToken: null);

    public static TenantContext Context(TenantSource source, int index) => Context($"pool-{index}", source.ConnectionString);

    public static TenantSourcePools Manager(TimeProvider? clock = null, int budget = 64, int perTenant = 4, TimeSpan? acquireTimeout = null) =>
        new(Options.Create(new SourcePoolOptions
        {
            GlobalConnectionBudget = budget,
            MaxConnectionsPerTenant = perTenant,
            AcquireTimeout = acquireTimeout ?? TimeSpan.FromSeconds(20),
        }), clock ?? TimeProvider.System, NullLogger<TenantSourcePools>.Instance);

    /// <summary>Reads the tenant's table through a lease, as extraction does, and returns DATABASE() of the connection used.</summary>
    public static async Task<string> ReadThroughAsync(TenantSourcePools pools, TenantContext tenant, TimeSpan hold = default)
    {
        await using var lease = await pools.For(tenant).OpenAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT DATABASE(), COUNT(*) FROM people", lease.Connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var database = reader.GetString(0);
        if (hold > TimeSpan.Zero) await Task.Delay(hold);
        return database;
    }
}
