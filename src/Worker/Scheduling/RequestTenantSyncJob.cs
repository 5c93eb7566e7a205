using FhirSync.Worker.Consumers;
using MassTransit;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>A tenant's schedule fired: ask the workers, through the broker, to sync it (or to reconcile it).</summary>
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
        var request = new TenantRunRequest(tenantId, Guid.NewGuid(), timeProvider.GetUtcNow(), "schedule", FullResync: false, Reconcile: reconcile);
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
