using FhirSync.ControlPlane.Usage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Usage;

/// <summary>
/// Publishes usage events that were stored but never published (their worker died in between, or the broker was away),
/// under their stored ids, so subscribers that keep ids count each once.
/// </summary>
internal sealed class UsageRelay(UsageStore store, UsageMeter meter, IOptions<UsageOptions> options, TimeProvider timeProvider, ILogger<UsageRelay> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RelayIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken);
                // Older than one interval: a page's own publish, still in flight, is not raced.
                foreach (var usage in await store.UnpublishedAsync(timeProvider.GetUtcNow() - interval, 500, stoppingToken))
                    await meter.PublishAsync(usage, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                UsageLog.RelayFailed(logger, ex.GetType().Name);
            }
        }
    }
}
