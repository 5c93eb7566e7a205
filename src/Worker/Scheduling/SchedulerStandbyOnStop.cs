using Microsoft.Extensions.Hosting;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// Stops firing triggers as soon as the worker begins to stop: the bus stops before the scheduler does, and a trigger
/// fired into a stopping bus would lose its request. Paused triggers stay in the store for the cluster's other workers
/// (or this one, restarted).
/// </summary>
internal sealed class SchedulerStandbyOnStop(ISchedulerFactory schedulers, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => StandbyAsync().GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StandbyAsync()
    {
        var scheduler = await schedulers.GetScheduler();
        if (scheduler.IsStarted && !scheduler.IsShutdown) await scheduler.Standby();
    }
}
