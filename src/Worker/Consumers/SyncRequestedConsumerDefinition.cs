using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>On-demand sync runs: the SyncRequested exchange's queue, with <c>RabbitMq:ConcurrentSyncs</c> slots.</summary>
internal sealed class SyncRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    : RunConsumerDefinition<SyncRequestedConsumer>(options.Value, options.Value.ConcurrentSyncs);
