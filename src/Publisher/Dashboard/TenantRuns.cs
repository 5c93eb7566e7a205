using FhirSync.ControlPlane.Runs;

namespace FhirSync.Publisher.Dashboard;

/// <summary>A tenant's newest runs sorted into the one in progress, the last that ended and the last that succeeded.</summary>
internal sealed record TenantRuns(SyncRun? Current, SyncRun? Last, SyncRun? LastSucceeded)
{
    /// <param name="newestFirst">As <see cref="RunStore.ListAsync"/> returns them.</param>
    public static TenantRuns Of(IReadOnlyList<SyncRun> newestFirst) => new(
        newestFirst.FirstOrDefault(run => !run.Finished),
        // A coalesced request did nothing itself; the run it merged into carries its work.
        newestFirst.FirstOrDefault(run => run.Finished && run.State != RunStates.Coalesced),
        newestFirst.FirstOrDefault(run => run.State == RunStates.Succeeded));
}
