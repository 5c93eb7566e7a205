using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.Matchers;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// When the worker starts: one sync trigger per enabled tenant (its cron, in its time zone) and one reconciliation
/// trigger (<see cref="SchedulingOptions.ReconcileCron"/>, in the same zone). The store is persistent and shared by
/// the cluster, so the schedules of tenants disabled or removed since are taken out, and replacing is idempotent when
/// several workers start at once.
/// </summary>
internal sealed partial class TenantScheduleRegistrar(
    ISchedulerFactory schedulers,
    TenantRegistry registry,
    IOptions<SchedulingOptions> options,
    ILogger<TenantScheduleRegistrar> logger) : IHostedService
{
    private const string SyncJobs = "tenant-syncs";
    private const string ReconcileJobs = "tenant-reconciles";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var enabled = await registry.ListAsync(enabledOnly: true, cancellationToken);
        await ForgetTenantsNoLongerEnabledAsync(scheduler, enabled.Select(t => t.TenantId.Value).ToHashSet(StringComparer.Ordinal), cancellationToken);
        foreach (var tenant in enabled)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tenant.ScheduleTimeZone, out var zone) || !CronExpression.IsValidExpression(tenant.ScheduleCron))
            {
                LogInvalidSchedule(tenant.TenantId.Value);
                continue;
            }

            var sync = await ScheduleAsync(scheduler, tenant.TenantId, SyncJobs, tenant.ScheduleCron, zone, reconcile: false, cancellationToken);
            if (options.Value.ReconcileCron is { Length: > 0 } reconcileCron)
                await ScheduleAsync(scheduler, tenant.TenantId, ReconcileJobs, reconcileCron, zone, reconcile: true, cancellationToken);
            LogScheduled(tenant.TenantId.Value, tenant.ScheduleCron, tenant.ScheduleTimeZone, options.Value.ReconcileCron ?? "never");
            if (options.Value.RequestOnStart) await scheduler.TriggerJob(sync, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<JobKey> ScheduleAsync(IScheduler scheduler, TenantId tenantId, string group, string cron, TimeZoneInfo zone, bool reconcile,
        CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<RequestTenantSyncJob>()
            .WithIdentity(tenantId.Value, group)
            .UsingJobData(RequestTenantSyncJob.TenantIdKey, tenantId.Value)
            .UsingJobData(RequestTenantSyncJob.ReconcileKey, reconcile.ToString())
            .StoreDurably()
            .Build();
        // A missed fire (every worker down at 02:00) runs once when a scheduler is back, not once per missed night.
        var trigger = TriggerBuilder.Create()
            .WithIdentity(tenantId.Value, group)
            .ForJob(job)
            .WithCronSchedule(cron, schedule => schedule.InTimeZone(zone).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
        await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
        return job.Key;
    }

    private static async Task ForgetTenantsNoLongerEnabledAsync(IScheduler scheduler, HashSet<string> enabled, CancellationToken cancellationToken)
    {
        foreach (var group in new[] { SyncJobs, ReconcileJobs })
        {
            var stale = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), cancellationToken)).Where(key => !enabled.Contains(key.Name)).ToList();
            if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} scheduled with cron '{Cron}' in {TimeZone}; reconciliation '{ReconcileCron}'")]
    private partial void LogScheduled(string tenantId, string cron, string timeZone, string reconcileCron);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId} has an invalid cron expression or time zone; it is not scheduled")]
    private partial void LogInvalidSchedule(string tenantId);
}
