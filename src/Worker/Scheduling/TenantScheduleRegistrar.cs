using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// When a worker starts: every enabled tenant's triggers applied, and those of tenants disabled or removed since taken
/// out. Idempotent, so several workers may start at once.
/// </summary>
internal sealed class TenantScheduleRegistrar(ISchedulerFactory schedulers, TenantSchedules schedules, TenantRegistry registry, IOptions<SchedulingOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var enabled = await registry.ListAsync(enabledOnly: true, cancellationToken);
        await schedules.ForgetAllButAsync(enabled.Select(t => t.TenantId.Value).ToHashSet(StringComparer.Ordinal), cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var tenant in enabled)
        {
            if (await schedules.ApplyAsync(tenant, cancellationToken) is { } sync && options.Value.RequestOnStart)
                await scheduler.TriggerJob(sync, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
