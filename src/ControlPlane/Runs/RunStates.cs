namespace FhirSync.ControlPlane.Runs;

/// <summary>The states a run goes through, as the control database spells them.</summary>
public static class RunStates
{
    /// <summary>Requested, not started yet: in a queue, or waiting for the tenant's running run to end.</summary>
    public const string Queued = "queued";

    public const string Running = "running";

    /// <summary>Waiting for a later attempt: a breaker is open, or a transient failure outlasted the retries.</summary>
    public const string Deferred = "deferred";

    public const string Succeeded = "succeeded";

    /// <summary>Ended in the error queue; a replay from there runs it again under the same id.</summary>
    public const string Failed = "failed";

    /// <summary>Merged into another run (<see cref="SyncRun.CoalescedInto"/>) that does what it asked.</summary>
    public const string Coalesced = "coalesced";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Coalesced;
}
