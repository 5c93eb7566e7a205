using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>Looks for idle tenant pools every <see cref="SourcePoolOptions.EvictionInterval"/>, on the injected clock.</summary>
internal sealed class SourcePoolEviction(TenantSourcePools pools, IOptions<SourcePoolOptions> options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvictionInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await pools.EvictIdleAsync();
    }
}
