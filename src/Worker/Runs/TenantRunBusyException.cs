namespace FhirSync.Worker.Runs;

/// <summary>The next slice of a run found its tenant held by another run past the wait. Transient: retried, then deferred.</summary>
internal sealed class TenantRunBusyException(string tenantId)
    : Exception($"tenant {tenantId} was held by another run while this run's next slice waited for it");
