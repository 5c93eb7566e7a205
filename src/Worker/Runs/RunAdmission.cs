using FhirSync.ControlPlane.Runs;

namespace FhirSync.Worker.Runs;

/// <summary>What the gate decided for a request: run it under <see cref="Lease"/>, or not, and why.</summary>
internal sealed record RunAdmission(RunAdmission.Decision Outcome, TenantRunLease? Lease, Guid? FollowUpRunId)
{
    public enum Decision
    {
        Run,
        /// <summary>This run already succeeded (or was merged into another): a late copy.</summary>
        AlreadyDone,
        /// <summary>Another delivery of this same run holds the tenant now.</summary>
        InProgressElsewhere,
        /// <summary>Another run holds the tenant; this request waits in (or is merged into) the follow-up run.</summary>
        Coalesced,
    }

    public static readonly RunAdmission AlreadyDone = new(Decision.AlreadyDone, null, null);

    public static readonly RunAdmission InProgressElsewhere = new(Decision.InProgressElsewhere, null, null);

    public static RunAdmission Admitted(TenantRunLease lease) => new(Decision.Run, lease, null);

    public static RunAdmission Coalesced(Guid followUpRunId) => new(Decision.Coalesced, null, followUpRunId);
}
