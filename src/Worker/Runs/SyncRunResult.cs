using FhirSync.Contracts.V1;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Where a run wrote and its figures so far per source (every slice's). <paramref name="ResumeAtSource"/> is set when
/// a slice ended with more to read: the index, among the run's sources, that the next slice starts with.
/// </summary>
internal sealed record SyncRunResult(string SinkKind, string SinkLocation, IReadOnlyList<ResourceSyncCount> Resources, int? ResumeAtSource)
{
    public bool Finished => ResumeAtSource is null;
}
