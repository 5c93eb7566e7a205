using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Watermarks;

/// <summary>Reads, advances and resets incremental-sync watermarks in the control database.</summary>
public sealed class WatermarkStore(MySqlDataSource controlDatabase, TimeProvider timeProvider)
{
    private const string SelectColumns = "SELECT tenant_id, resource_type, source_table, position, source_rows, run_id, updated_at FROM sync_watermarks";

    public async Task<IReadOnlyList<Watermark>> ListAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"{SelectColumns} WHERE tenant_id = @tenant ORDER BY resource_type, source_table", connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        var watermarks = new List<Watermark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            watermarks.Add(new Watermark(TenantId.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetGuid(5), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc))));
        }

        return watermarks;
    }

    /// <summary>Stores the position of the last row the sink acknowledged; called only after the acknowledgement.</summary>
    public async Task AdvanceAsync(TenantId tenantId, string resourceType, string sourceTable, string position, long sourceRows, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            INSERT INTO sync_watermarks (tenant_id, resource_type, source_table, position, source_rows, run_id, updated_at)
            VALUES (@tenant, @type, @table, @position, @rows, @run, @now)
            ON DUPLICATE KEY UPDATE position = VALUES(position), source_rows = VALUES(source_rows), run_id = VALUES(run_id), updated_at = VALUES(updated_at)
            """, connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@type", resourceType);
        command.Parameters.AddWithValue("@table", sourceTable);
        command.Parameters.AddWithValue("@position", position);
        command.Parameters.AddWithValue("@rows", sourceRows);
        command.Parameters.AddWithValue("@run", runId);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets a tenant's watermarks (all, or one source table's), so its next run reads everything. Returns how many.</summary>
    public async Task<int> ResetAsync(TenantId tenantId, string? sourceTable, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            sourceTable is null ? "DELETE FROM sync_watermarks WHERE tenant_id = @tenant" : "DELETE FROM sync_watermarks WHERE tenant_id = @tenant AND source_table = @table", connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@table", sourceTable);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
