namespace FhirSync.Contracts.V1;

/// <summary>What one mapped source contributed to a run.</summary>
public sealed record ResourceSyncCount
{
    /// <summary>The FHIR resource type produced, e.g. <c>Patient</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The tenant's source table the resources came from.</summary>
    public required string SourceTable { get; init; }

    /// <summary>Rows read from the source table.</summary>
    public required long RowsRead { get; init; }

    /// <summary>Resources the sink acknowledged.</summary>
    public required long ResourcesWritten { get; init; }

    /// <summary>Rows that could not be mapped or validated, or whose resource the store refused; reported by key, skipped.</summary>
    public required long RowsRejected { get; init; }

    /// <summary>
    /// Resources deleted because their row is marked deleted (the mapping's <c>softDelete</c>, including those written
    /// with a status instead) or, in a reconciliation, because their row is gone from the source.
    /// </summary>
    public long ResourcesDeleted { get; init; }

    /// <summary>
    /// Only when the run reconciled: rows in the source whose resource the sink does not hold, rejected rows aside.
    /// Null otherwise. Anything above zero means the sink is behind its source.
    /// </summary>
    public long? ResourcesMissing { get; init; }
}
