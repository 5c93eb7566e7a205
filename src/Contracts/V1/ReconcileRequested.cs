using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>
/// Asks the workers to sync one tenant (as <see cref="SyncRequested"/> without a full resync does) and then hold every
/// mapped source's keys against what the tenant's sink holds: resources whose row is gone from the source are
/// deleted, rows whose resource the sink lacks are reported missing. The outcome is a <see cref="SyncCompleted"/>
/// (with deleted and missing counts) or a <see cref="SyncFailed"/> for the same <see cref="RunId"/>.
/// </summary>
/// <remarks>JSON example: <c>docs/contracts.md#reconcilerequested</c>.</remarks>
[MessageUrn("fhirsync:v1:reconcile-requested")]
[EntityName("fhirsync.v1.reconcile-requested")]
public sealed record ReconcileRequested
{
    /// <summary>The tenant to reconcile; the only tenant whose pool and store the run may touch.</summary>
    public required string TenantId { get; init; }

    /// <summary>Identifies the run in logs, events and the reconciliation report. Chosen by the requester.</summary>
    public required Guid RunId { get; init; }

    /// <summary>When the request was made.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Who asked: <c>schedule</c>, <c>cli</c>, or the name of another system.</summary>
    public string Origin { get; init; } = "unspecified";
}
