using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>
/// Asks the workers to sync one tenant's mapped sources into its FHIR store.
/// Published by the tenant's schedule, by other systems and by the Publisher CLI.
/// </summary>
/// <remarks>JSON example: <c>docs/contracts.md#syncrequested</c>.</remarks>
[MessageUrn("fhirsync:v1:sync-requested")]
[EntityName("fhirsync.v1.sync-requested")]
public sealed record SyncRequested
{
    /// <summary>The tenant to sync; the only tenant whose pool and store the run may touch.</summary>
    public required string TenantId { get; init; }

    /// <summary>Identifies the run in logs, events and the control database. Chosen by the requester.</summary>
    public required Guid RunId { get; init; }

    /// <summary>When the request was made.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Who asked: <c>schedule</c>, <c>cli</c>, or the name of another system.</summary>
    public string Origin { get; init; } = "unspecified";

    /// <summary>
    /// Read every row, ignoring (and then replacing) the tenant's watermarks. Default false: each change-tracked source
    /// resumes after the last row its sink acknowledged.
    /// </summary>
    public bool FullResync { get; init; }

    /// <summary>
    /// Only these FHIR resource types (e.g. <c>["Patient", "Observation"]</c>), each of which the tenant's mapping must
    /// produce, or the request is refused before anything runs. Null or absent: every mapped type.
    /// </summary>
    public IReadOnlyList<string>? ResourceTypes { get; init; }
}
