using System.Globalization;
using FhirSync.Contracts.V1;
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
    public async Task<DateTimeOffset> DeferAsync(SyncRequested request, int deferrals, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var at = timeProvider.GetUtcNow() + delay;
        var job = JobBuilder.Create<RedeliverSyncRequestJob>()
            .WithIdentity($"deferred-{request.RunId:N}", TriggerGroup)
            .UsingJobData(new JobDataMap
            {
                ["tenantId"] = request.TenantId,
                ["runId"] = request.RunId.ToString(),
                ["requestedAt"] = request.RequestedAt.ToString("O", CultureInfo.InvariantCulture),
                ["origin"] = request.Origin,
                ["fullResync"] = request.FullResync.ToString(CultureInfo.InvariantCulture),
                ["deferrals"] = deferrals.ToString(CultureInfo.InvariantCulture),
            })
            .RequestRecovery() // a worker that dies while redelivering leaves it to another
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"deferred-{request.RunId:N}", TriggerGroup)
            .StartAt(at)
            .WithSimpleSchedule(once => once.WithMisfireHandlingInstructionFireNow())
            .Build();
        // Replacing keeps one pending redelivery per run, however often the same run is deferred.
        await scheduler.ScheduleJob(job, [trigger], replace: true, cancellationToken);
        return at;
    }

    public static SyncRequested RequestOf(JobDataMap data, out int deferrals)
    {
        deferrals = int.Parse(data.GetString("deferrals")!, CultureInfo.InvariantCulture);
        return new SyncRequested
        {
            TenantId = data.GetString("tenantId")!,
            RunId = Guid.Parse(data.GetString("runId")!),
            RequestedAt = DateTimeOffset.Parse(data.GetString("requestedAt")!, CultureInfo.InvariantCulture),
            Origin = data.GetString("origin")!,
            FullResync = bool.Parse(data.GetString("fullResync")!),
        };
    }
}
