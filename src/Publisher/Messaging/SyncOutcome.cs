using FhirSync.Contracts.V1;

namespace FhirSync.Publisher.Messaging;

/// <summary>How a requested run ended: exactly one of the two is set.</summary>
internal sealed record SyncOutcome(SyncCompleted? Completed, SyncFailed? Failed);
