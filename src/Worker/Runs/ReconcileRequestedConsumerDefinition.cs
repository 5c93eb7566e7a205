using FhirSync.Worker.Consumers;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Reconciliations: the sync policy (same options), on their own quorum queue, with their own slots on top of the
/// syncs' (up to half as many more runs per worker): a pass reads every key of every source, and a weekly batch of
/// them must not take the slots syncs need.
/// </summary>
internal sealed class ReconcileRequestedConsumerDefinition(IOptions<MessagingOptions> options)
    : RunConsumerDefinition<ReconcileRequestedConsumer>(options.Value, Math.Max(1, options.Value.ConcurrentSyncs / 2));
