using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Worker.Consumers;

/// <summary>A sync its tenant's schedule asked for, from the scheduled queue; on-demand requests have their own.</summary>
internal sealed class ScheduledSyncRequestedConsumer(TenantRunHandler handler) : IConsumer<SyncRequested>
{
    public Task Consume(ConsumeContext<SyncRequested> context) => handler.HandleAsync(context, TenantRunRequest.Of(context.Message));
}
