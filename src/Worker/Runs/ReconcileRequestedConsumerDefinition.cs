using FhirSync.Worker.Consumers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>Retry and concurrency of reconciliations: the sync policy (same options), on their own quorum queue.</summary>
internal sealed class ReconcileRequestedConsumerDefinition : ConsumerDefinition<ReconcileRequestedConsumer>
{
    private readonly MessagingOptions _options;

    public ReconcileRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        // A pass reads every key of every source: fewer at once than syncs, so reconciliations cannot crowd them out.
        ConcurrentMessageLimit = Math.Max(1, _options.ConcurrentSyncs / 2);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReconcileRequestedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Interval(_options.RetryLimit, TimeSpan.FromMilliseconds(_options.RetryIntervalMs));
            retry.Handle<SyncRunFailedException>(failure => !failure.IsPermanent);
        });
    }
}
