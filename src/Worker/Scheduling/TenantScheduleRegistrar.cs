using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>Registers one cron trigger per enabled tenant, in the tenant's time zone, when the worker starts.</summary>
internal sealed partial class TenantScheduleRegistrar(
    ISchedulerFactory schedulers,
    TenantRegistry registry,
    IOptions<SchedulingOptions> options,
    ILogger<TenantScheduleRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var tenant in await registry.ListAsync(enabledOnly: true, cancellationToken))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tenant.ScheduleTimeZone, out var zone) || !CronExpression.IsValidExpression(tenant.ScheduleCron))
            {
                LogInvalidSchedule(tenant.TenantId.Value);
                continue;
            }

            var job = JobBuilder.Create<RequestTenantSyncJob>()
                .WithIdentity(JobKeyOf(tenant.TenantId))
                .UsingJobData(RequestTenantSyncJob.TenantIdKey, tenant.TenantId.Value)
                .StoreDurably()
                .Build();
            // A missed nightly fire runs once when the scheduler is back, not once per missed night.
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"sync-{tenant.TenantId.Value}", "tenant-schedules")
                .ForJob(job)
                .WithCronSchedule(tenant.ScheduleCron, cron => cron.InTimeZone(zone).WithMisfireHandlingInstructionFireAndProceed())
                .Build();
            await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
            LogScheduled(tenant.TenantId.Value, tenant.ScheduleCron, tenant.ScheduleTimeZone);
            if (options.Value.RequestOnStart) await scheduler.TriggerJob(job.Key, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static JobKey JobKeyOf(TenantId tenantId) => new($"sync-{tenantId.Value}", "tenant-syncs");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} scheduled with cron '{Cron}' in {TimeZone}")]
    private partial void LogScheduled(string tenantId, string cron, string timeZone);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId} has an invalid cron expression or time zone; it is not scheduled")]
    private partial void LogInvalidSchedule(string tenantId);
}
