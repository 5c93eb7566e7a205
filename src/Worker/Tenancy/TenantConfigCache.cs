using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Tenancy;

/// <summary>
/// Resolved tenants (decrypted credentials, compiled mapping) kept for the TTL, keyed by the typed
/// <see cref="TenantId"/> so no two ids can share an entry. Only successes are cached: an unknown, disabled or
/// undecryptable tenant is looked up again on every message.
/// </summary>
internal sealed class TenantConfigCache(TimeProvider timeProvider, IOptions<TenantCacheOptions> options)
{
    private readonly object _gate = new();
    private readonly Dictionary<TenantId, Entry> _entries = [];
    private readonly Dictionary<TenantId, long> _invalidations = [];

    /// <summary>The tenants with a live entry now.</summary>
    public IReadOnlyCollection<TenantId> CachedTenants
    {
        get
        {
            var now = timeProvider.GetUtcNow();
            lock (_gate) return [.. _entries.Where(e => e.Value.ExpiresAt > now).Select(e => e.Key)];
        }
    }

    public async Task<TenantContext> GetOrLoadAsync(TenantId tenantId, Func<TenantId, CancellationToken, Task<TenantContext>> load, CancellationToken cancellationToken)
    {
        long invalidationsBefore;
        lock (_gate)
        {
            if (_entries.TryGetValue(tenantId, out var entry) && entry.ExpiresAt > timeProvider.GetUtcNow()) return entry.Tenant;
            invalidationsBefore = _invalidations.GetValueOrDefault(tenantId);
        }

        var tenant = await load(tenantId, cancellationToken);
        lock (_gate)
        {
            // A change announced while this load ran may not be in what it read: use it once, do not keep it.
            if (_invalidations.GetValueOrDefault(tenantId) == invalidationsBefore)
                _entries[tenantId] = new Entry(tenant, timeProvider.GetUtcNow() + options.Value.Ttl);
        }

        return tenant;
    }

    public void Invalidate(TenantId tenantId)
    {
        lock (_gate)
        {
            _entries.Remove(tenantId);
            _invalidations[tenantId] = _invalidations.GetValueOrDefault(tenantId) + 1;
        }
    }

    private sealed record Entry(TenantContext Tenant, DateTimeOffset ExpiresAt);
}
