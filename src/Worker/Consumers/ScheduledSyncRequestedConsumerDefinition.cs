using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// The scheduled queue: only the schedules send to it (it is not bound to the SyncRequested exchange), with slots of
/// its own, so the nightly backlog never holds up an on-demand request.
/// </summary>
internal sealed class ScheduledSyncRequestedConsumerDefinition : ConsumerDefinition<ScheduledSyncRequestedConsumer>
{
    private readonly MessagingOptions _options;

    public ScheduledSyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        EndpointName = SyncQueues.Scheduled;
        ConcurrentMessageLimit = _options.ScheduledConcurrentSyncs;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ScheduledSyncRequestedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        RunEndpointPolicy.Apply(endpointConfigurator, _options);
    }
}
