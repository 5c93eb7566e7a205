using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// The plain JSON intake: the body is the SyncRequested itself (no MassTransit envelope), published to the exchange
/// of the same name as the queue. Not bound to the SyncRequested exchange.
/// </summary>
internal sealed class IntakeSyncRequestedConsumerDefinition : ConsumerDefinition<IntakeSyncRequestedConsumer>
{
    private readonly MessagingOptions _options;

    public IntakeSyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        EndpointName = SyncQueues.Intake;
        ConcurrentMessageLimit = _options.ConcurrentSyncs;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<IntakeSyncRequestedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        RunEndpointPolicy.Apply(endpointConfigurator, _options);
    }
}
