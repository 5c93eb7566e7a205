using FhirSync.ControlPlane.Runs;

namespace FhirSync.Publisher.Dashboard;

/// <summary>
/// One tenant's row: its schedule, the run in progress (queued, running or deferred) and the last one that ended, how
/// long since a run last succeeded, and the worst state any worker reports for its source and sink breakers.
/// </summary>
internal sealed record TenantStatus(string TenantId, string DisplayName, bool Enabled, string ScheduleCron, string ScheduleTimeZone, RunSummary? CurrentRun,
    RunSummary? LastRun, DateTimeOffset? LastSucceededAt, long? LagSeconds, BreakerSummary SourceBreaker, BreakerSummary SinkBreaker);

/// <summary>A run's state and timings, with its figures summed over its sources.</summary>
internal sealed record RunSummary(Guid RunId, string Kind, string State, string Origin, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int Slices, string? Worker, long RowsRead, long ResourcesWritten, string? FailureStage, string? FailureReason)
{
    public static RunSummary Of(SyncRun run) => new(run.RunId, run.Request.Kind, run.State, run.Request.Origin, run.Request.RequestedAt, run.StartedAt,
        run.FinishedAt, run.Slices, run.Worker, run.Sources.Sum(source => source.RowsRead), run.Sources.Sum(source => source.Written), run.FailureStage, run.FailureReason);
}

/// <summary>The worst state the workers report for one breaker, and which worker reported it when; closed when none did.</summary>
internal sealed record BreakerSummary(string State, string? Worker, DateTimeOffset? ChangedAt, int Workers);
