using FhirSync.ControlPlane.Tenants;
using MassTransit;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// A deferred run's time came: publish its request again, same run id, with the count of deferrals so far. A publish
/// that fails (broker away) is deferred again instead, since a fired one-shot trigger is gone. If the worker dies after
/// publishing and before Quartz records the fire, the request goes out twice; the run is idempotent.
/// </summary>
internal sealed class RedeliverSyncRequestJob(IBus bus, DeferredSyncs deferred, ILogger<RedeliverSyncRequestJob> logger) : IJob
{
    private static readonly TimeSpan AfterFailedPublish = TimeSpan.FromSeconds(30);

    public async Task Execute(IJobExecutionContext context)
    {
        var request = DeferredSyncs.RequestOf(context.MergedJobDataMap, out var deferrals);
        try
        {
            await bus.Publish(request.ToMessage(), publish => publish.Headers.Set(DeferredSyncs.DeferralsHeader, deferrals), context.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingLog.RedeliveryRescheduled(logger, TenantId.Printable(request.TenantId), request.RunId, AfterFailedPublish.TotalSeconds, ex.GetType().Name);
            await deferred.DeferAsync(request, deferrals, AfterFailedPublish, CancellationToken.None);
        }
    }
}
