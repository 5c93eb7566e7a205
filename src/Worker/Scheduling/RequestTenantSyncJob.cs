using FhirSync.Contracts.V1;
using MassTransit;
using Quartz;

namespace FhirSync.Worker.Scheduling;

/// <summary>A tenant's schedule fired: ask the workers, through the broker, to sync it.</summary>
[DisallowConcurrentExecution]
internal sealed class RequestTenantSyncJob(IBus bus, TimeProvider timeProvider) : IJob
{
    public const string TenantIdKey = "tenantId";

    public async Task Execute(IJobExecutionContext context)
    {
        var tenantId = context.MergedJobDataMap.GetString(TenantIdKey)
            ?? throw new JobExecutionException("the job has no tenant id");
        await bus.Publish(new SyncRequested
        {
            TenantId = tenantId,
            RunId = Guid.NewGuid(),
            RequestedAt = timeProvider.GetUtcNow(),
            Origin = "schedule",
        }, context.CancellationToken);
    }
}
