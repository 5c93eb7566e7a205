using System.Data.Common;
using System.Text.Json;
using MySqlConnector;

namespace FhirSync.ControlPlane.Tenants;

/// <summary>Reads and writes the tenant registry in the control database. Secrets stay encrypted here.</summary>
public sealed class TenantRegistry(MySqlDataSource controlDatabase, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions SinkJson = new(JsonSerializerDefaults.Web);

    private const string SelectColumns = """
        SELECT tenant_id, display_name, source_connection_encrypted, sink_settings, schedule_cron, schedule_time_zone,
               mapping_document, id_salt, enabled
        FROM tenants
        """;

    /// <summary>
    /// Adds the tenant, or replaces its settings while keeping its id salt (so resource ids never change).
    /// An update, then an insert if there was nothing to update: <c>INSERT ... ON DUPLICATE KEY UPDATE</c> would
    /// fire on the unique sink identity too and overwrite the tenant that already owns that store.
    /// </summary>
    /// <exception cref="SinkAlreadyUsedException">Another tenant is registered on the same store.</exception>
    public async Task UpsertAsync(TenantRegistration tenant, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        try
        {
            if (await ExecuteAsync(connection, tenant, UpdateSql, cancellationToken) == 0) await ExecuteAsync(connection, tenant, InsertSql, cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            var owner = await OwnerOfSinkAsync(connection, tenant, cancellationToken);
            if (owner is not null && owner != tenant.TenantId.Value) throw new SinkAlreadyUsedException(tenant.TenantId.Value, owner);
            // The same tenant inserted by another operator a moment earlier: now there is a row to update.
            await ExecuteAsync(connection, tenant, UpdateSql, cancellationToken);
        }
    }

    private const string InsertSql = """
        INSERT INTO tenants (tenant_id, display_name, source_connection_encrypted, sink_settings, sink_identity, schedule_cron,
                             schedule_time_zone, mapping_document, id_salt, enabled, created_at, updated_at)
        VALUES (@id, @name, @source, @sink, @sinkIdentity, @cron, @zone, @mapping, @salt, @enabled, @now, @now)
        """;

    private const string UpdateSql = """
        UPDATE tenants SET display_name = @name, source_connection_encrypted = @source, sink_settings = @sink,
            sink_identity = @sinkIdentity, schedule_cron = @cron, schedule_time_zone = @zone, mapping_document = @mapping,
            enabled = @enabled, config_version = config_version + 1, updated_at = @now
        WHERE tenant_id = @id
        """;

    /// <summary>Runs the insert or update; MySqlConnector reports matched rows, so 0 means no such tenant.</summary>
    private async Task<int> ExecuteAsync(MySqlConnection connection, TenantRegistration tenant, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@id", tenant.TenantId.Value);
        command.Parameters.AddWithValue("@name", tenant.DisplayName);
        command.Parameters.AddWithValue("@source", tenant.EncryptedSourceConnection);
        command.Parameters.AddWithValue("@sink", JsonSerializer.Serialize(tenant.Sink, SinkJson));
        command.Parameters.AddWithValue("@sinkIdentity", SinkIdentity.Of(tenant.TenantId, tenant.Sink));
        command.Parameters.AddWithValue("@cron", tenant.ScheduleCron);
        command.Parameters.AddWithValue("@zone", tenant.ScheduleTimeZone);
        command.Parameters.AddWithValue("@mapping", tenant.MappingDocument);
        command.Parameters.AddWithValue("@salt", tenant.IdSalt);
        command.Parameters.AddWithValue("@enabled", tenant.Enabled);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Enables or disables a tenant; false when it is not registered.</summary>
    public async Task<bool> SetEnabledAsync(TenantId tenantId, bool enabled, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "UPDATE tenants SET enabled = @enabled, config_version = config_version + 1, updated_at = @now WHERE tenant_id = @id", connection);
        command.Parameters.AddWithValue("@id", tenantId.Value);
        command.Parameters.AddWithValue("@enabled", enabled);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes a tenant and its API keys; false when it is not registered. Its id salt goes too.</summary>
    public async Task<bool> RemoveAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("DELETE FROM tenants WHERE tenant_id = @id", connection);
        command.Parameters.AddWithValue("@id", tenantId.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<string?> OwnerOfSinkAsync(MySqlConnection connection, TenantRegistration tenant, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT tenant_id FROM tenants WHERE sink_identity = @sinkIdentity", connection);
        command.Parameters.AddWithValue("@sinkIdentity", SinkIdentity.Of(tenant.TenantId, tenant.Sink));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<TenantRegistration?> FindAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"{SelectColumns} WHERE tenant_id = @id", connection);
        command.Parameters.AddWithValue("@id", tenantId.Value);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<TenantRegistration>> ListAsync(bool enabledOnly, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(enabledOnly ? $"{SelectColumns} WHERE enabled ORDER BY tenant_id" : $"{SelectColumns} ORDER BY tenant_id", connection);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<TenantRegistration>> ReadAllAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var tenants = new List<TenantRegistration>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) tenants.Add(Read(reader));
        return tenants;
    }

    private static TenantRegistration Read(DbDataReader reader) => new()
    {
        TenantId = TenantId.Parse(reader.GetString(0)),
        DisplayName = reader.GetString(1),
        EncryptedSourceConnection = reader.GetString(2),
        Sink = JsonSerializer.Deserialize<SinkSettings>(reader.GetString(3), SinkJson)
            ?? throw new InvalidDataException($"tenant '{reader.GetString(0)}' has empty sink settings"),
        ScheduleCron = reader.GetString(4),
        ScheduleTimeZone = reader.GetString(5),
        MappingDocument = reader.GetString(6),
        IdSalt = (byte[])reader.GetValue(7),
        Enabled = reader.GetBoolean(8),
    };
}
