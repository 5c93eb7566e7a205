using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Messaging;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Publisher.Commands;

/// <summary>After a stored change: announce it to the workers. Every tenant command that changes configuration calls this.</summary>
internal static class TenantChanges
{
    public static Task AnnounceAsync(this IHost host, TenantId tenantId, string change, CancellationToken cancellationToken) =>
        TenantConfigAnnouncer.AnnounceAsync(host.BrokerUrl(), tenantId, change, TimeProvider.System, cancellationToken);
}
