using FhirSync.ControlPlane;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace FhirSync.Worker.Monitoring;

/// <summary>Ready only while the control database answers a query: without it no run can be admitted or recorded.</summary>
internal sealed class ControlDatabaseHealthCheck([FromKeyedServices(ControlPlaneSetup.ControlDatabaseKey)] MySqlDataSource controlDatabase) : IHealthCheck
{
    public const string Name = "control-database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or TimeoutException)
        {
            // Only the kind of failure: the server's message can name hosts and users.
            return new HealthCheckResult(context.Registration.FailureStatus, ex.GetType().Name);
        }
    }
}
