using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Tenancy.Pools;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Tenancy;

/// <summary>
/// Drops this worker's cached copy and source pool of a tenant an operator changed. Every worker instance has its own
/// temporary queue for this event, so each one hears every change.
/// </summary>
internal sealed class TenantConfigChangedConsumer(TenantConfigCache cache, TenantSourcePools pools, ILogger<TenantConfigChangedConsumer> logger)
    : IConsumer<TenantConfigChanged>
{
    public async Task Consume(ConsumeContext<TenantConfigChanged> context)
    {
        if (!TenantId.TryParse(context.Message.TenantId, out var tenantId))
        {
            TenancyLog.ConfigChangeIgnored(logger, TenantId.Printable(context.Message.TenantId));
            return;
        }

        cache.Invalidate(tenantId);
        await pools.DropAsync(tenantId);
        TenancyLog.ConfigChanged(logger, tenantId.Value, context.Message.Change);
    }
}
