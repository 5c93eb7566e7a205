using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Breakers;

/// <summary>Each worker's view of each tenant's breakers, for the status dashboard: one row per tenant, dependency and worker.</summary>
public sealed class BreakerStateStore(MySqlDataSource controlDatabase)
{
    /// <summary>
    /// Keeps the newest report per breaker and worker. Writes may land out of order (they are not awaited by runs), so
    /// an older change never overwrites a newer one.
    /// </summary>
    public async Task RecordAsync(BreakerStateReport report, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        // state is assigned before changed_at, so its condition still compares with the stored time.
        await using var command = new MySqlCommand("""
            INSERT INTO tenant_breaker_states (tenant_id, dependency, worker, state, changed_at) VALUES (@tenant, @dependency, @worker, @state, @at)
            ON DUPLICATE KEY UPDATE state = IF(VALUES(changed_at) >= changed_at, VALUES(state), state), changed_at = GREATEST(changed_at, VALUES(changed_at))
            """, connection);
        command.Parameters.AddWithValue("@tenant", report.TenantId.Value);
        command.Parameters.AddWithValue("@dependency", report.Dependency);
        command.Parameters.AddWithValue("@worker", report.Worker.Length <= 128 ? report.Worker : report.Worker[..128]);
        command.Parameters.AddWithValue("@state", report.State);
        command.Parameters.AddWithValue("@at", report.ChangedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every report of every tenant, by tenant then dependency.</summary>
    public async Task<IReadOnlyList<BreakerStateReport>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT tenant_id, dependency, worker, state, changed_at FROM tenant_breaker_states ORDER BY tenant_id, dependency, worker", connection);
        var reports = new List<BreakerStateReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new BreakerStateReport(TenantId.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc))));
        }

        return reports;
    }
}
