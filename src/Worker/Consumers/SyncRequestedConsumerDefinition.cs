using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>Retry and concurrency policy of sync runs, kept out of the consumer.</summary>
internal sealed class SyncRequestedConsumerDefinition : ConsumerDefinition<SyncRequestedConsumer>
{
    private readonly MessagingOptions _options;

    public SyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        ConcurrentMessageLimit = _options.ConcurrentSyncs;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SyncRequestedConsumer> consumerConfigurator, IRegistrationContext context) =>
        RunEndpointPolicy.Apply(endpointConfigurator, _options);
}
