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
        // Its own endpoint and limit, on top of the syncs' (up to half as many more runs per worker): a pass reads every key
        // of every source, and a weekly batch of them must not take the slots syncs need.
        ConcurrentMessageLimit = Math.Max(1, _options.ConcurrentSyncs / 2);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReconcileRequestedConsumer> consumerConfigurator, IRegistrationContext context) =>
        RunEndpointPolicy.Apply(endpointConfigurator, _options);
}
