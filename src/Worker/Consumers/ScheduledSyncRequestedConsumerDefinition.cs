using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// The scheduled queue: only the schedules send to it (it is not bound to the SyncRequested exchange), with slots of
/// its own, so the nightly backlog never holds up an on-demand request.
/// </summary>
internal sealed class ScheduledSyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    : RunConsumerDefinition<ScheduledSyncRequestedConsumer>(options.Value, options.Value.ScheduledConcurrentSyncs, SyncQueues.Scheduled)
{
    protected override void ConfigureEndpoint(IReceiveEndpointConfigurator endpointConfigurator) => endpointConfigurator.ConfigureConsumeTopology = false;
}
