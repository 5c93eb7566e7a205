using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Reconciliation;

/// <summary>
/// What one run did with one mapped source of a tenant. <see cref="SourceRows"/> is what the table holds under the
/// mapping's filter at the end of the run; <see cref="Missing"/> (rows whose resource the sink lacks, rejected rows
/// aside) is known only when the run reconciled. <see cref="ElapsedMs"/> is the time the run spent on the source.
/// </summary>
public sealed record SourceReport(TenantId TenantId, Guid RunId, string ResourceType, string SourceTable, bool Reconciled, long SourceRows,
    long RowsRead, long Written, long Rejected, long Deleted, long? Missing, DateTimeOffset RecordedAt, long ElapsedMs = 0)
{
    /// <summary>Whether every source row is accounted for in the sink: nothing rejected, nothing missing.</summary>
    public bool Complete => Rejected == 0 && Missing is null or 0;
}
