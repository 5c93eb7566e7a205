using MassTransit;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// A deferred sync's time came: publish its request again, same run id, with the count of deferrals so far. If the
/// worker dies after publishing and before Quartz records the fire, the request goes out twice; the run is idempotent.
/// </summary>
internal sealed class RedeliverSyncRequestJob(IBus bus) : IJob
{
    public async Task Execute(IJobExecutionContext context)
    {
        var request = DeferredSyncs.RequestOf(context.MergedJobDataMap, out var deferrals);
        await bus.Publish(request.ToMessage(), publish => publish.Headers.Set(DeferredSyncs.DeferralsHeader, deferrals), context.CancellationToken);
    }
}
