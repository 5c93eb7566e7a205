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
        var reconcileCron = options.Value.ReconcileCron is { Length: > 0 } cron ? cron : null;
        var scheduled = new HashSet<JobKey>();
        foreach (var tenant in await registry.ListAsync(enabledOnly: true, cancellationToken))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tenant.ScheduleTimeZone, out var zone) || !CronExpression.IsValidExpression(tenant.ScheduleCron))
            {
                LogInvalidSchedule(tenant.TenantId.Value);
                continue; // and its old triggers go below, as the log line says
            }

            var sync = await EnsureAsync(scheduler, tenant.TenantId, SyncJobs, tenant.ScheduleCron, zone, reconcile: false, cancellationToken);
            scheduled.Add(sync);
            if (reconcileCron is not null) scheduled.Add(await EnsureAsync(scheduler, tenant.TenantId, ReconcileJobs, reconcileCron, zone, reconcile: true, cancellationToken));
            LogScheduled(tenant.TenantId.Value, tenant.ScheduleCron, tenant.ScheduleTimeZone, reconcileCron ?? "never");
            if (options.Value.RequestOnStart) await scheduler.TriggerJob(sync, cancellationToken);
        }

        await ForgetUnscheduledAsync(scheduler, scheduled, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stores the tenant's trigger unless the same one is there already: replacing an unchanged trigger would reset its
    /// next fire time and silently skip a fire missed while every worker was down.
    /// </summary>
    private static async Task<JobKey> EnsureAsync(IScheduler scheduler, TenantId tenantId, string group, string cron, TimeZoneInfo zone, bool reconcile,
        CancellationToken cancellationToken)
    {
        var key = new JobKey(tenantId.Value, group);
        if (await scheduler.GetTrigger(new TriggerKey(tenantId.Value, group), cancellationToken) is ICronTrigger existing
            && existing.CronExpressionString == cron && existing.TimeZone.Id == zone.Id)
            return key;

        var job = JobBuilder.Create<RequestTenantSyncJob>()
            .WithIdentity(key)
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
        return key;
    }

    /// <summary>Schedules of tenants disabled, removed or with an invalid schedule since, and reconciliations when turned off.</summary>
    private static async Task ForgetUnscheduledAsync(IScheduler scheduler, HashSet<JobKey> scheduled, CancellationToken cancellationToken)
    {
        foreach (var group in new[] { SyncJobs, ReconcileJobs })
        {
            var stale = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), cancellationToken)).Where(key => !scheduled.Contains(key)).ToList();
            if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} scheduled with cron '{Cron}' in {TimeZone}; reconciliation '{ReconcileCron}'")]
    private partial void LogScheduled(string tenantId, string cron, string timeZone, string reconcileCron);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId} has an invalid cron expression or time zone; it is not scheduled")]
    private partial void LogInvalidSchedule(string tenantId);
}
