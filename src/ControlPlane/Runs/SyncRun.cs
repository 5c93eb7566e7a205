using FhirSync.ControlPlane.Reconciliation;

namespace FhirSync.ControlPlane.Runs;

/// <summary>A run as the control database keeps it: what was asked, where it stands, and its figures per source.</summary>
public sealed record SyncRun(RunRequest Request, string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset UpdatedAt,
    int Slices, string? Worker, Guid? CoalescedInto, string? FailureStage, string? FailureReason)
{
    public Guid RunId => Request.RunId;

    /// <summary>Figures per mapped source, filled in page by page while it runs.</summary>
    public IReadOnlyList<SourceReport> Sources { get; init; } = [];

    public bool Finished => RunStates.IsFinished(State);
}
