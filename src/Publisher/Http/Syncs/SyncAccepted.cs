namespace FhirSync.Publisher.Http.Syncs;

/// <summary>The 202 answer to a sync request: the run to follow at its Location.</summary>
internal sealed record SyncAccepted(Guid RunId, string State);
