using System.Globalization;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Consumers;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// Sync requests put off until later (a tenant's breaker is open, or its transient failure outlasted the short
/// retries), kept as persisted one-shot Quartz triggers in the control database: the Debian RabbitMQ has no
/// delayed-message plugin, and a delay held in memory would be lost with the worker.
/// </summary>
internal sealed class DeferredSyncs(ISchedulerFactory schedulers, TimeProvider timeProvider)
{
    /// <summary>Header of a redelivered request: how many times it was deferred before.</summary>
    public const string DeferralsHeader = "FhirSync-Deferrals";
    public const string TriggerGroup = "deferred-syncs";

    /// <summary>Schedules <paramref name="request"/> to be published again after <paramref name="delay"/>; returns when.</summary>
    public async Task<DateTimeOffset> DeferAsync(TenantRunRequest request, int deferrals, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var at = timeProvider.GetUtcNow() + delay;
        var job = JobBuilder.Create<RedeliverSyncRequestJob>()
            .WithIdentity(KeyOf(request), TriggerGroup)
            .UsingJobData(new JobDataMap
            {
                ["tenantId"] = request.TenantId,
                ["runId"] = request.RunId.ToString(),
                ["requestedAt"] = request.RequestedAt.ToString("O", CultureInfo.InvariantCulture),
                ["origin"] = request.Origin,
                ["fullResync"] = request.FullResync.ToString(CultureInfo.InvariantCulture),
                ["reconcile"] = request.Reconcile.ToString(CultureInfo.InvariantCulture),
                ["resourceTypes"] = request.ResourceTypes is null ? string.Empty : string.Join(',', request.ResourceTypes),
                ["deferrals"] = deferrals.ToString(CultureInfo.InvariantCulture),
            })
            .RequestRecovery() // a worker that dies while redelivering leaves it to another
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(KeyOf(request), TriggerGroup)
            .StartAt(at)
            .WithSimpleSchedule(once => once.WithMisfireHandlingInstructionFireNow())
            .Build();
        // Replacing keeps one pending redelivery per run, however often the same run is deferred.
        await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
        return at;
    }

    /// <summary>Tenant and run: run ids are chosen by requesters, so one tenant's request must not replace another's pending one.</summary>
    public static string KeyOf(TenantRunRequest request) => $"deferred-{TenantId.Printable(request.TenantId)}-{request.RunId:N}";

    public static TenantRunRequest RequestOf(JobDataMap data, out int deferrals)
    {
        deferrals = int.Parse(data.GetString("deferrals")!, CultureInfo.InvariantCulture);
        return new TenantRunRequest(
            data.GetString("tenantId")!,
            Guid.Parse(data.GetString("runId")!),
            DateTimeOffset.Parse(data.GetString("requestedAt")!, CultureInfo.InvariantCulture),
            data.GetString("origin")!,
            bool.Parse(data.GetString("fullResync")!),
            bool.Parse(data.GetString("reconcile")!),
            data.GetString("resourceTypes") is { Length: > 0 } types ? types.Split(',') : null);
    }
}
