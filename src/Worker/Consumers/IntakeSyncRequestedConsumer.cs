using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Worker.Consumers;

/// <summary>A plain JSON sync request from any AMQP client; its sender (user_id) must be allowed to ask for the tenant it names.</summary>
internal sealed class IntakeSyncRequestedConsumer(TenantRunHandler handler) : IConsumer<SyncRequested>
{
    public Task Consume(ConsumeContext<SyncRequested> context) => handler.HandleAsync(context, TenantRunRequest.Of(context.Message), senderRequired: true);
}
