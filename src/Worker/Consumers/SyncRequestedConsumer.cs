using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Worker.Consumers;

/// <summary>A sync of one tenant, as its schedule, an operator or another system asked.</summary>
internal sealed class SyncRequestedConsumer(TenantRunHandler handler) : IConsumer<SyncRequested>
{
    public Task Consume(ConsumeContext<SyncRequested> context) => handler.HandleAsync(context, TenantRunRequest.Of(context.Message));
}
