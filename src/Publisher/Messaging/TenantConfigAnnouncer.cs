using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using MassTransit;

namespace FhirSync.Publisher.Messaging;

/// <summary>
/// Tells every worker that a tenant's configuration changed, so each drops its cached copy and source pool at once.
/// The change is already stored: if the broker cannot be reached, workers still pick it up when their cache expires.
/// </summary>
internal static class TenantConfigAnnouncer
{
    public static async Task AnnounceAsync(Uri brokerUrl, TenantId tenantId, string change, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(brokerUrl));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await bus.StartAsync(timeout.Token);
            await bus.Publish(new TenantConfigChanged { TenantId = tenantId.Value, Change = change, ChangedAt = timeProvider.GetUtcNow() }, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RabbitMqConnectionException && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync(
                $"warning: the workers were not notified of the change to tenant {tenantId.Value} (broker unreachable); they apply it when their tenant cache expires (TenantCache:Ttl, 5 minutes by default)");
        }
        finally
        {
            await bus.StopAsync(TimeSpan.FromSeconds(10));
        }
    }
}
