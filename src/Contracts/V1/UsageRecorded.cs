using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>
/// A tenant used FhirSync: one page a sync processed, or one accepted call to the HTTP intake. For billing systems.
/// Each unit of work is recorded once; should a worker die after recording and before publishing, the event is
/// published again later with the same <see cref="EventId"/>, so a subscriber that keeps the ids counts it once.
/// </summary>
/// <remarks>JSON example: <c>docs/contracts.md#usagerecorded</c>.</remarks>
[MessageUrn("fhirsync:v1:usage-recorded")]
[EntityName("fhirsync.v1.usage-recorded")]
public sealed record UsageRecorded
{
    /// <summary>Stable per unit of work: the same page or call always has the same id.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The tenant that used it, and the only one it is billed to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The run the page belongs to; null for an intake call.</summary>
    public Guid? RunId { get; init; }

    /// <summary><c>sync-page</c> or <c>intake-call</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The FHIR resource type of the page; null for an intake call.</summary>
    public string? ResourceType { get; init; }

    /// <summary>Rows read from the tenant's database for the page.</summary>
    public long RowsRead { get; init; }

    /// <summary>Resources the sink acknowledged (deletes and rejected rows excluded).</summary>
    public long ResourcesWritten { get; init; }

    /// <summary>Bytes of FHIR JSON the sink was sent (bundles to a FHIR store, lines to NDJSON).</summary>
    public long BytesSent { get; init; }

    /// <summary>Time spent reading the page from the tenant's database.</summary>
    public long SourceDbMs { get; init; }

    /// <summary>Time from the start of reading the page to its resources being acknowledged.</summary>
    public long DurationMs { get; init; }

    /// <summary>Priced with the installation's price table (<c>Usage:Prices</c>).</summary>
    public decimal CostUnits { get; init; }

    /// <summary>When the unit of work was recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
