using FhirSync.Contracts.V1;
using FhirSync.Worker.Consumers;
using MassTransit;

namespace FhirSync.Worker.Runs;

/// <summary>
/// A reconciliation: an incremental sync of the tenant, then every source's keys held against its sink. Its outcome is
/// a sync run's (<see cref="SyncCompleted"/> with deleted and missing counts, or <see cref="SyncFailed"/>), through the
/// same breakers, deferral and failure classification.
/// </summary>
internal sealed class ReconcileRequestedConsumer(TenantRunHandler handler) : IConsumer<ReconcileRequested>
{
    public Task Consume(ConsumeContext<ReconcileRequested> context) => handler.HandleAsync(context, TenantRunRequest.Of(context.Message));
}
