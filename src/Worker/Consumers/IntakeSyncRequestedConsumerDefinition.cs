using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// The plain JSON intake: the body is the SyncRequested itself (no MassTransit envelope), published to the exchange
/// of the same name as the queue. Not bound to the SyncRequested exchange.
/// </summary>
internal sealed class IntakeSyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    : RunConsumerDefinition<IntakeSyncRequestedConsumer>(options.Value, options.Value.ConcurrentSyncs, SyncQueues.Intake)
{
    protected override void ConfigureEndpoint(IReceiveEndpointConfigurator endpointConfigurator)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
    }
}
