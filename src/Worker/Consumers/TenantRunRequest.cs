using FhirSync.Contracts.V1;

namespace FhirSync.Worker.Consumers;

/// <summary>What a sync or reconcile request asks for, so one handler runs both and a deferral can publish it again.</summary>
internal sealed record TenantRunRequest(string TenantId, Guid RunId, DateTimeOffset RequestedAt, string Origin, bool FullResync, bool Reconcile)
{
    public static TenantRunRequest Of(SyncRequested request) =>
        new(request.TenantId, request.RunId, request.RequestedAt, request.Origin, request.FullResync, Reconcile: false);

    public static TenantRunRequest Of(ReconcileRequested request) =>
        new(request.TenantId, request.RunId, request.RequestedAt, request.Origin, FullResync: false, Reconcile: true);

    /// <summary>The contract that asks for this run again.</summary>
    public object ToMessage() => Reconcile
        ? new ReconcileRequested { TenantId = TenantId, RunId = RunId, RequestedAt = RequestedAt, Origin = Origin }
        : new SyncRequested { TenantId = TenantId, RunId = RunId, RequestedAt = RequestedAt, Origin = Origin, FullResync = FullResync };
}
