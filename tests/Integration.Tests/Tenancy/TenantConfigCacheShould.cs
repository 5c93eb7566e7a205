using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FhirSync.Integration.Tests.Tenancy;

/// <summary>The tenant cache on its own: TTL on a fake clock, typed keys, and changes announced while a load runs.</summary>
public sealed class TenantConfigCacheShould
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<TenantId> _loads = [];

    private TenantConfigCache Cache(TimeSpan? ttl = null) => new(_clock, Options.Create(new TenantCacheOptions { Ttl = ttl ?? TimeSpan.FromMinutes(5) }));

    private Task<TenantContext> Load(TenantId tenantId, CancellationToken cancellationToken)
    {
        _loads.Add(tenantId);
        return Task.FromResult(PoolTenants.Context(tenantId.Value, $"Server=h;Database={tenantId.Value};User ID={tenantId.Value}"));
    }

    [Fact]
    public async Task ReuseAnEntryUntilItsTimeToLiveHasPassed()
    {
        var cache = Cache();
        var tenant = TenantId.Parse("hospital-a");

        await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4.9));
        await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None);
        Assert.Single(_loads);

        _clock.Advance(TimeSpan.FromMinutes(0.2));
        await cache.GetOrLoadAsync(tenant, Load, CancellationToken.None);
        Assert.Equal(2, _loads.Count);
    }

    [Fact]
    public async Task NeverAnswerOneTenantWithAnothersEntry()
    {
        var cache = Cache();
        var b = await cache.GetOrLoadAsync(TenantId.Parse("clinic-b"), Load, CancellationToken.None);

        // Ids that a string key built by concatenation or case folding could confuse with clinic-b.
        foreach (var other in new[] { "clinic-b0", "clinic", "b", "clinic-bb" })
        {
            var tenant = await cache.GetOrLoadAsync(TenantId.Parse(other), Load, CancellationToken.None);
            Assert.Equal(other, tenant.TenantId.Value);
            Assert.NotSame(b, tenant);
        }

        Assert.Equal(5, _loads.Count);
        Assert.Same(b, await cache.GetOrLoadAsync(TenantId.Parse("clinic-b"), Load, CancellationToken.None));
    }

    [Fact]
    public async Task ForgetATenantAtOnceWhenItsConfigurationChanges()
    {
        var cache = Cache();
        var (a, b) = (TenantId.Parse("hospital-a"), TenantId.Parse("clinic-b"));
        await cache.GetOrLoadAsync(a, Load, CancellationToken.None);
        await cache.GetOrLoadAsync(b, Load, CancellationToken.None);

        cache.Invalidate(a);

        Assert.Equal([b], cache.CachedTenants);
        await cache.GetOrLoadAsync(a, Load, CancellationToken.None);
        Assert.Equal([a, b, a], _loads);
    }

    [Fact]
    public async Task NotKeepWhatItLoadedWhileAChangeWasAnnounced()
    {
        var cache = Cache();
        var tenant = TenantId.Parse("hospital-a");
        var loading = new TaskCompletionSource();
        var release = new TaskCompletionSource<TenantContext>();

        var pending = cache.GetOrLoadAsync(tenant, (id, _) =>
        {
            loading.SetResult();
            return release.Task;
        }, CancellationToken.None);
        await loading.Task;
        cache.Invalidate(tenant); // the change lands while the old configuration is being read
        release.SetResult(PoolTenants.Context("hospital-a", "Server=h;Database=old;User ID=old"));
        await pending;

        Assert.Empty(cache.CachedTenants);
    }

    [Fact]
    public async Task NotCacheAFailedLoad()
    {
        var cache = Cache();
        var tenant = TenantId.Parse("hospital-a");

        await Assert.ThrowsAsync<UnknownTenantException>(() =>
            cache.GetOrLoadAsync(tenant, (_, _) => throw new UnknownTenantException("hospital-a", "is disabled"), CancellationToken.None));

        Assert.Empty(cache.CachedTenants);
    }
}
