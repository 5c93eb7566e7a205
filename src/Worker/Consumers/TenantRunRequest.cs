using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// What a sync or reconcile request asks for, so one handler runs both and a deferral, a follow-up or the next slice
/// of a long run can publish it again. <paramref name="ResourceTypes"/> null means every mapped type.
/// </summary>
internal sealed record TenantRunRequest(string TenantId, Guid RunId, DateTimeOffset RequestedAt, string Origin, bool FullResync, bool Reconcile,
    IReadOnlyList<string>? ResourceTypes = null)
{
    public static TenantRunRequest Of(SyncRequested request) =>
        new(request.TenantId, request.RunId, request.RequestedAt, request.Origin, request.FullResync, Reconcile: false,
            request.ResourceTypes is { Count: > 0 } types ? types : null);

    public static TenantRunRequest Of(ReconcileRequested request) =>
        new(request.TenantId, request.RunId, request.RequestedAt, request.Origin, FullResync: false, Reconcile: true);

    public static TenantRunRequest Of(RunRequest request) =>
        new(request.TenantId.Value, request.RunId, request.RequestedAt, request.Origin, request.FullResync, request.Kind == RunKinds.Reconcile, request.ResourceTypes);

    public string Kind => Reconcile ? RunKinds.Reconcile : RunKinds.Sync;

    /// <summary>The contract that asks for this run again.</summary>
    public object ToMessage() => Reconcile
        ? new ReconcileRequested { TenantId = TenantId, RunId = RunId, RequestedAt = RequestedAt, Origin = Origin }
        : new SyncRequested { TenantId = TenantId, RunId = RunId, RequestedAt = RequestedAt, Origin = Origin, FullResync = FullResync, ResourceTypes = ResourceTypes };

    /// <summary>The request as the control database records it, once its tenant is known to exist.</summary>
    public RunRequest ToRecord(TenantId tenantId) => new(RunId, tenantId, Kind, Origin, FullResync, ResourceTypes, RequestedAt);
}
