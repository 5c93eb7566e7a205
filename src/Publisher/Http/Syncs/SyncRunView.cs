using FhirSync.ControlPlane.Runs;

namespace FhirSync.Publisher.Http.Syncs;

/// <summary>A run as <c>GET /tenants/{tenantId}/syncs/{runId}</c> shows it.</summary>
internal sealed record SyncRunView(Guid RunId, string TenantId, string Kind, string State, string Origin, bool FullResync, IReadOnlyList<string>? ResourceTypes,
    DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset UpdatedAt, int Slices, Guid? CoalescedInto,
    SyncRunFailureView? Failure, IReadOnlyList<SourceCountsView> Sources)
{
    public static SyncRunView Of(SyncRun run) => new(run.RunId, run.Request.TenantId.Value, run.Request.Kind, run.State, run.Request.Origin, run.Request.FullResync,
        run.Request.ResourceTypes, run.Request.RequestedAt, run.StartedAt, run.FinishedAt, run.UpdatedAt, run.Slices, run.CoalescedInto,
        run.FailureStage is null && run.FailureReason is null ? null : new SyncRunFailureView(run.FailureStage, run.FailureReason),
        [.. run.Sources.Select(source => new SourceCountsView(source.ResourceType, source.SourceTable, source.RowsRead, source.Written, source.Rejected,
            source.Deleted, source.Missing, source.ElapsedMs))]);
}

/// <summary>Where a run failed or was deferred, and why (sanitized by the worker: tables, columns and keys, never values).</summary>
internal sealed record SyncRunFailureView(string? Stage, string? Reason);

/// <summary>What a run did with one mapped source; <see cref="Missing"/> only when it reconciled.</summary>
internal sealed record SourceCountsView(string ResourceType, string Table, long Read, long Written, long Rejected, long Deleted, long? Missing, long ElapsedMs);
