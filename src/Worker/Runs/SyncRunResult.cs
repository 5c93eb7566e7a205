using FhirSync.Contracts.V1;

namespace FhirSync.Worker.Runs;

internal sealed record SyncRunResult(string SinkKind, string SinkLocation, IReadOnlyList<ResourceSyncCount> Resources);
