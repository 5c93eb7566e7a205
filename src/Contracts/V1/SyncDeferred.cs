using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>
/// A tenant's run was put off: its breaker is open, or a transient failure outlasted the short retries. The request
/// is kept (a persisted trigger) and published again at <see cref="RetryAt"/> with the same run id; nothing is lost.
/// </summary>
/// <remarks>JSON example: <c>docs/contracts.md#syncdeferred</c>.</remarks>
[MessageUrn("fhirsync:v1:sync-deferred")]
[EntityName("fhirsync.v1.sync-deferred")]
public sealed record SyncDeferred
{
    /// <summary>The tenant whose run was deferred.</summary>
    public required string TenantId { get; init; }

    /// <summary>The run, as given in <see cref="SyncRequested.RunId"/>; the redelivered request keeps it.</summary>
    public required Guid RunId { get; init; }

    /// <summary>When the run was deferred.</summary>
    public required DateTimeOffset DeferredAt { get; init; }

    /// <summary>When the request will be published again.</summary>
    public required DateTimeOffset RetryAt { get; init; }

    /// <summary>How many times this run has been deferred, this one included.</summary>
    public required int Deferrals { get; init; }

    /// <summary>Why, naming the tenant and the dependency but never values.</summary>
    public required string Reason { get; init; }
}
