using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>
/// The worker's source pools, one per tenant, keyed by the typed tenant id and created lazily from that tenant's own
/// decrypted connection string. All of them share one <see cref="ConnectionBudget"/>; pools idle past the limit are
/// evicted by <see cref="SourcePoolEviction"/>; a changed connection string or a config change replaces a pool.
/// </summary>
internal sealed class TenantSourcePools(IOptions<SourcePoolOptions> options, TimeProvider timeProvider, ILogger<TenantSourcePools> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TenantId, TenantSourcePool> _pools = new();
    private readonly SourcePoolOptions _options = options.Value;

    public ConnectionBudget Budget { get; } = new(options.Value.GlobalConnectionBudget);

    /// <summary>Tenants that have a pool now, with their open connections.</summary>
    public IReadOnlyDictionary<TenantId, int> OpenConnectionsByTenant => _pools.ToDictionary(p => p.Key, p => p.Value.OpenConnections);

    /// <summary>Tenants that have a pool now, with their open connections waiting for a lease.</summary>
    public IReadOnlyDictionary<TenantId, int> IdleConnectionsByTenant => _pools.ToDictionary(p => p.Key, p => p.Value.IdleConnections);

    /// <summary>The tenant's connections; nothing opens until the first lease.</summary>
    public ISourceConnections For(TenantContext tenant) => new TenantConnections(this, tenant);

    /// <summary>Closes idle connections of pools unused for the idle timeout and forgets those pools. Returns how many were evicted.</summary>
    public async Task<int> EvictIdleAsync()
    {
        var evicted = 0;
        foreach (var (tenantId, pool) in _pools)
        {
            if (await pool.TryRetireIfIdleAsync(_options.IdleTimeout) is not { } closed) continue;
            _pools.TryRemove(new KeyValuePair<TenantId, TenantSourcePool>(tenantId, pool));
            evicted++;
            PoolLog.PoolEvicted(logger, tenantId.Value, _options.IdleTimeout.TotalMinutes, closed);
        }

        return evicted;
    }

    /// <summary>Drops a tenant's pool at once, e.g. when its configuration changed; leased connections close when given back.</summary>
    public async Task DropAsync(TenantId tenantId)
    {
        if (_pools.TryRemove(tenantId, out var pool)) await pool.RetireAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tenantId in _pools.Keys) await DropAsync(tenantId);
    }

    private async ValueTask<SourceConnectionLease> LeaseAsync(TenantContext tenant, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pool = await CurrentPoolAsync(tenant);
            if (await pool.TryLeaseAsync(cancellationToken) is { } lease) return lease;
            // Retired between lookup and lease (evicted or replaced): forget it and take the current one.
            _pools.TryRemove(new KeyValuePair<TenantId, TenantSourcePool>(tenant.TenantId, pool));
        }
    }

    private async ValueTask<TenantSourcePool> CurrentPoolAsync(TenantContext tenant)
    {
        var fingerprint = Fingerprint(tenant.SourceConnectionString);
        while (true)
        {
            if (_pools.TryGetValue(tenant.TenantId, out var existing))
            {
                if (existing.Fingerprint == fingerprint && !existing.IsRetired) return existing;
                var replacement = Create(tenant, fingerprint);
                if (!_pools.TryUpdate(tenant.TenantId, replacement, existing)) continue;
                await existing.RetireAsync();
                return replacement;
            }

            var created = Create(tenant, fingerprint);
            if (_pools.TryAdd(tenant.TenantId, created))
            {
                PoolLog.PoolCreated(logger, tenant.TenantId.Value, created.MaxConnections);
                return created;
            }
        }
    }

    private TenantSourcePool Create(TenantContext tenant, string fingerprint) =>
        new(tenant.TenantId, tenant.SourceConnectionString, fingerprint, Budget, _options, ReclaimIdleElsewhereAsync, timeProvider, logger);

    private async ValueTask<bool> ReclaimIdleElsewhereAsync(TenantSourcePool waiting)
    {
        foreach (var pool in _pools.Values)
        {
            if (!ReferenceEquals(pool, waiting) && await pool.TryCloseOneIdleAsync()) return true;
        }

        return false;
    }

    private static string Fingerprint(string connectionString) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(connectionString)));

    /// <summary>The handle given to readers: every lease goes through the manager, so it survives eviction and replacement.</summary>
    private sealed class TenantConnections(TenantSourcePools pools, TenantContext tenant) : ISourceConnections
    {
        public ValueTask<SourceConnectionLease> OpenAsync(CancellationToken cancellationToken) => pools.LeaseAsync(tenant, cancellationToken);
    }
}
