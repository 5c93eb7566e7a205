using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.Worker.Tenancy;

/// <summary>
/// One connection pool per tenant, created lazily with that tenant's own credentials and cached by tenant id.
/// A changed connection string replaces the pool. (Idle eviction and a global budget come with the isolation work.)
/// </summary>
internal sealed class TenantSourcePools : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TenantId, Pool> _pools = new();

    public MySqlDataSource For(TenantContext tenant)
    {
        var fingerprint = Fingerprint(tenant.SourceConnectionString);
        var pool = _pools.AddOrUpdate(
            tenant.TenantId,
            created => Create(tenant.SourceConnectionString, fingerprint),
            (updated, existing) =>
            {
                if (existing.Fingerprint == fingerprint) return existing;
                _ = existing.DataSource.DisposeAsync().AsTask();
                return Create(tenant.SourceConnectionString, fingerprint);
            });
        return pool.DataSource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values) await pool.DataSource.DisposeAsync();
        _pools.Clear();
    }

    private static Pool Create(string connectionString, string fingerprint)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = true, ApplicationName = "fhirsync-worker" };
        return new Pool(new MySqlDataSource(builder.ConnectionString), fingerprint);
    }

    private static string Fingerprint(string connectionString) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(connectionString)));

    private sealed record Pool(MySqlDataSource DataSource, string Fingerprint);
}
