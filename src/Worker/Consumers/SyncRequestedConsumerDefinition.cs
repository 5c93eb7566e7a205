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
        IConsumerConfigurator<SyncRequestedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // A quorum queue is replicated and counts deliveries (x-delivery-count); the consumer refuses a message delivered
        // more than DeliveryLimit times, so one that kills the worker each time ends in the error queue instead of looping.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();

        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Interval(_options.RetryLimit, TimeSpan.FromMilliseconds(_options.RetryIntervalMs));
            // A missing tenant or a broken mapping will not heal by retrying: straight to the error queue.
            retry.Handle<SyncRunFailedException>(failure => !failure.IsPermanent);
        });
    }
}
