using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>A tenant's sync run stopped before it finished. The reason never carries row values or secrets.</summary>
/// <remarks>JSON example: <c>docs/contracts.md#syncfailed</c>.</remarks>
[MessageUrn("fhirsync:v1:sync-failed")]
[EntityName("fhirsync.v1.sync-failed")]
public sealed record SyncFailed
{
    /// <summary>The tenant whose run failed.</summary>
    public required string TenantId { get; init; }

    /// <summary>The run, as given in <see cref="SyncRequested.RunId"/>.</summary>
    public required Guid RunId { get; init; }

    /// <summary>When the failure was recorded.</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The stage that failed: <c>tenant</c>, <c>mapping</c>, <c>source</c>, <c>sink</c>, or <c>worker</c> for anything else.</summary>
    public required string Stage { get; init; }

    /// <summary>What went wrong, naming tables, columns or keys but never values.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether the message will be retried (true) or was moved to the error queue (false).</summary>
    public required bool WillRetry { get; init; }
}
