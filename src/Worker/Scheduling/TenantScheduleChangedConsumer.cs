using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using MassTransit;

namespace FhirSync.Worker.Scheduling;

/// <summary>
/// An operator changed a tenant: its triggers follow at once (a new cron or time zone, disabled, removed). One worker
/// of the cluster takes each change from a shared queue; the store it updates is the cluster's.
/// </summary>
internal sealed class TenantScheduleChangedConsumer(TenantSchedules schedules, TenantRegistry registry) : IConsumer<TenantConfigChanged>
{
    public async Task Consume(ConsumeContext<TenantConfigChanged> context)
    {
        if (!TenantId.TryParse(context.Message.TenantId, out var tenantId)) return; // logged by the cache's consumer
        if (await registry.FindAsync(tenantId, context.CancellationToken) is { } tenant) await schedules.ApplyAsync(tenant, context.CancellationToken);
        else await schedules.ForgetAsync(tenantId, context.CancellationToken);
    }
}
