using FhirSync.ControlPlane;
using FhirSync.Worker.Consumers;
using MassTransit;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// A tenant's schedule fired: ask the workers, through the broker, to sync it (or to reconcile it). The run id is
/// named by the tenant, the kind and the fire time, so should Quartz fire one time twice (a node taken for dead under
/// load and recovered), both requests are one run and the second is dropped.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RequestTenantSyncJob(IBus bus, TimeProvider timeProvider) : IJob
{
    public const string TenantIdKey = "tenantId";
    public const string ReconcileKey = "reconcile";

    public async Task Execute(IJobExecutionContext context)
    {
        var tenantId = context.MergedJobDataMap.GetString(TenantIdKey)
            ?? throw new JobExecutionException("the job has no tenant id");
        var reconcile = context.MergedJobDataMap.GetString(ReconcileKey) == bool.TrueString;
        var fireTime = context.ScheduledFireTimeUtc ?? timeProvider.GetUtcNow();
        var runId = NameBasedGuid.Of($"schedule/{tenantId}/{(reconcile ? "reconcile" : "sync")}/{fireTime.ToUnixTimeMilliseconds()}");
        var request = new TenantRunRequest(tenantId, runId, fireTime, "schedule", FullResync: false, Reconcile: reconcile);
        if (reconcile)
        {
            await bus.Publish(request.ToMessage(), context.CancellationToken);
            return;
        }

        // To the scheduled queue, not the SyncRequested exchange: the nightly batch queues apart from on-demand requests.
        var scheduled = await bus.GetSendEndpoint(new Uri($"exchange:{SyncQueues.Scheduled}"));
        await scheduled.Send(request.ToMessage(), context.CancellationToken);
    }
}
