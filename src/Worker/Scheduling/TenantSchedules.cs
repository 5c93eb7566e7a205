using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.Matchers;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// Each tenant's triggers in Quartz's persistent, clustered store: a sync trigger (the tenant's cron, in its time zone)
/// and a reconciliation trigger (<see cref="SchedulingOptions.ReconcileCron"/>, same zone). Applied for every enabled
/// tenant when a worker starts, and for one tenant when its configuration changes.
/// </summary>
internal sealed partial class TenantSchedules(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options, ILogger<TenantSchedules> logger)
{
    private const string SyncJobs = "tenant-syncs";
    private const string ReconcileJobs = "tenant-reconciles";

    /// <summary>Stores the tenant's triggers, or removes them if it is disabled or its schedule is invalid. Returns its sync job, if scheduled.</summary>
    public async Task<JobKey?> ApplyAsync(TenantRegistration tenant, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!tenant.Enabled || !TimeZoneInfo.TryFindSystemTimeZoneById(tenant.ScheduleTimeZone, out var zone) || !CronExpression.IsValidExpression(tenant.ScheduleCron))
        {
            if (tenant.Enabled) LogInvalidSchedule(tenant.TenantId.Value);
            await ForgetAsync(tenant.TenantId, cancellationToken);
            return null;
        }

        var sync = await EnsureAsync(scheduler, tenant.TenantId, SyncJobs, tenant.ScheduleCron, zone, reconcile: false, cancellationToken);
        var reconcileCron = ReconcileCron;
        if (reconcileCron is not null) await EnsureAsync(scheduler, tenant.TenantId, ReconcileJobs, reconcileCron, zone, reconcile: true, cancellationToken);
        else await scheduler.DeleteJob(new JobKey(tenant.TenantId.Value, ReconcileJobs), cancellationToken);
        LogScheduled(tenant.TenantId.Value, tenant.ScheduleCron, tenant.ScheduleTimeZone, reconcileCron ?? "never");
        return sync;
    }

    /// <summary>Removes the tenant's triggers (removed, disabled).</summary>
    public async Task ForgetAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJobs([new JobKey(tenantId.Value, SyncJobs), new JobKey(tenantId.Value, ReconcileJobs)], cancellationToken);
    }

    /// <summary>Removes the triggers of every tenant not in <paramref name="enabled"/>: those disabled or removed while no worker heard of it.</summary>
    public async Task ForgetAllButAsync(IReadOnlySet<string> enabled, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var group in new[] { SyncJobs, ReconcileJobs })
        {
            var stale = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), cancellationToken)).Where(key => !enabled.Contains(key.Name)).ToList();
            if (stale.Count > 0) await scheduler.DeleteJobs(stale, cancellationToken);
        }
    }

    private string? ReconcileCron => options.Value.ReconcileCron is { Length: > 0 } cron ? cron : null;

    /// <summary>
    /// Stores the trigger unless the same one is there already: replacing an unchanged trigger would reset its next fire
    /// time and silently skip a fire missed while every worker was down.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} scheduled with cron '{Cron}' in {TimeZone}; reconciliation '{ReconcileCron}'")]
    private partial void LogScheduled(string tenantId, string cron, string timeZone, string reconcileCron);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tenant {TenantId} has an invalid cron expression or time zone; it is not scheduled")]
    private partial void LogInvalidSchedule(string tenantId);
}
