using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>A tenant's sync run finished and every page it read was acknowledged by the sink.</summary>
/// <remarks>JSON example: <c>docs/contracts.md#synccompleted</c>.</remarks>
[MessageUrn("fhirsync:v1:sync-completed")]
[EntityName("fhirsync.v1.sync-completed")]
public sealed record SyncCompleted
{
    /// <summary>The tenant that was synced.</summary>
    public required string TenantId { get; init; }

    /// <summary>The run, as given in <see cref="SyncRequested.RunId"/>.</summary>
    public required Guid RunId { get; init; }

    /// <summary>When the worker started the run.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last page was acknowledged.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The kind of sink written: <c>ndjson</c> or <c>fhir</c>.</summary>
    public required string SinkKind { get; init; }

    /// <summary>Where the resources went: an output folder or a FHIR base URL (never credentials).</summary>
    public required string SinkLocation { get; init; }

    /// <summary>Counts per mapped source, in mapping order.</summary>
    public required IReadOnlyList<ResourceSyncCount> Resources { get; init; }
}
