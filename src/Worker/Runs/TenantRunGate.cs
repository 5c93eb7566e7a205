using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Hosting;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Lets one run per tenant through at a time, cluster-wide. A request for a tenant that is running is merged into the
/// tenant's one waiting follow-up run, which whoever next finds the tenant idle publishes; whoever ends a run or
/// queues a follow-up looks, so a follow-up is never left behind. A copy of the run in progress, or of one that
/// already succeeded, is dropped.
/// </summary>
internal sealed class TenantRunGate(RunStore runs, RunFollowUps followUps, TenantRunLocks locks)
{
    /// <summary>How long the next slice of a run waits for the lock (held briefly by a follow-up's check, or by a request that got in between).</summary>
    private static readonly TimeSpan NextSliceWait = TimeSpan.FromSeconds(30);

    public async Task<RunAdmission> EnterAsync(RunRequest request, bool nextSlice, CancellationToken cancellationToken)
    {
        var known = !await Guard(() => runs.RecordRequestedAsync(request, cancellationToken));
        if (known && !nextSlice && await Guard(() => runs.StateAsync(request.RunId, cancellationToken)) is RunStates.Succeeded or RunStates.Coalesced)
            return RunAdmission.AlreadyDone;

        var lease = await Guard(() => locks.TryAcquireAsync(request.TenantId, nextSlice ? NextSliceWait : TimeSpan.Zero, cancellationToken));
        if (lease is not null)
        {
            await Guard(() => runs.MarkRunningAsync(request.RunId, WorkerInstance.Current, lease, cancellationToken));
            return RunAdmission.Admitted(lease);
        }

        if (nextSlice) throw new TenantRunBusyException(request.TenantId.Value);
        if (await Guard(() => locks.HolderRunIdAsync(request.TenantId, cancellationToken)) == request.RunId) return RunAdmission.InProgressElsewhere;
        var followUp = await Guard(() => followUps.CoalesceAsync(request, cancellationToken));
        return RunAdmission.Coalesced(followUp);
    }

    /// <summary>
    /// The tenant's waiting follow-up runs (a sync, a reconciliation), taken to be published, if no run holds the tenant
    /// now. Called after a run released its lease and after a request was coalesced; a run that holds the tenant looks
    /// when it ends. Of two published at once, the one that finds the tenant busy waits again as its follow-up.
    /// </summary>
    public async Task<IReadOnlyList<RunRequest>> TakeFollowUpsIfIdleAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        await using var lease = await Guard(() => locks.TryAcquireAsync(tenantId, TimeSpan.Zero, cancellationToken));
        if (lease is null) return [];
        var taken = new List<RunRequest>(2);
        foreach (var kind in (string[])[RunKinds.Sync, RunKinds.Reconcile])
        {
            if (await Guard(() => followUps.TakeAsync(tenantId, kind, cancellationToken)) is { } followUp) taken.Add(followUp);
        }

        return taken;
    }

    private static Task<T> Guard<T>(Func<Task<T>> call) => ControlDatabaseUnavailableException.GuardAsync(call);

    private static Task Guard(Func<Task> call) => ControlDatabaseUnavailableException.GuardAsync(call);
}
