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
               mapping_document, id_salt, enabled, sink_credentials_encrypted
        FROM tenants
        """;

    private const string SelectSecrets = "SELECT tenant_id, source_connection_encrypted, sink_credentials_encrypted FROM tenants";

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
        INSERT INTO tenants (tenant_id, display_name, source_connection_encrypted, sink_settings, sink_credentials_encrypted, sink_identity,
                             schedule_cron, schedule_time_zone, mapping_document, id_salt, enabled, created_at, updated_at)
        VALUES (@id, @name, @source, @sink, @sinkCredentials, @sinkIdentity, @cron, @zone, @mapping, @salt, @enabled, @now, @now)
        """;

    private const string UpdateSql = """
        UPDATE tenants SET display_name = @name, source_connection_encrypted = @source, sink_settings = @sink,
            sink_credentials_encrypted = @sinkCredentials, sink_identity = @sinkIdentity, schedule_cron = @cron, schedule_time_zone = @zone, mapping_document = @mapping,
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
        command.Parameters.AddWithValue("@sinkCredentials", tenant.EncryptedSinkCredentials);
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

    public async Task<TenantRegistration?> FindAsync(TenantId tenantId, CancellationToken cancellationToken) =>
        (await QueryAsync($"{SelectColumns} WHERE tenant_id = @id", tenantId, Read, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<TenantRegistration>> ListAsync(bool enabledOnly, CancellationToken cancellationToken) =>
        QueryAsync(enabledOnly ? $"{SelectColumns} WHERE enabled ORDER BY tenant_id" : $"{SelectColumns} ORDER BY tenant_id", null, Read, cancellationToken);

    /// <summary>Every tenant's encrypted columns, enabled or not (a disabled tenant must still decrypt when it is enabled again).</summary>
    public Task<IReadOnlyList<StoredTenantSecrets>> ListSecretsAsync(CancellationToken cancellationToken) =>
        QueryAsync($"{SelectSecrets} ORDER BY tenant_id", null, ReadSecrets, cancellationToken);

    public async Task<StoredTenantSecrets?> FindSecretsAsync(TenantId tenantId, CancellationToken cancellationToken) =>
        (await QueryAsync($"{SelectSecrets} WHERE tenant_id = @id", tenantId, ReadSecrets, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Replaces a tenant's encrypted columns only if they still hold <paramref name="expected"/> (an optimistic check,
    /// so a value an operator stored meanwhile is never overwritten), and bumps its config version.
    /// </summary>
    /// <returns>False when the tenant changed or was removed since <paramref name="expected"/> was read.</returns>
    public async Task<bool> ReplaceSecretsAsync(StoredTenantSecrets expected, StoredTenantSecrets replacement, CancellationToken cancellationToken)
    {
        if (expected.TenantId != replacement.TenantId) throw new ArgumentException("the replacement is for another tenant", nameof(replacement));
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            UPDATE tenants
            SET source_connection_encrypted = @source, sink_credentials_encrypted = @sinkCredentials,
                config_version = config_version + 1, updated_at = @now
            WHERE tenant_id = @id AND source_connection_encrypted = @expectedSource
              AND sink_credentials_encrypted <=> @expectedSinkCredentials
            """, connection);
        command.Parameters.AddWithValue("@id", expected.TenantId.Value);
        command.Parameters.AddWithValue("@source", replacement.EncryptedSourceConnection);
        command.Parameters.AddWithValue("@sinkCredentials", replacement.EncryptedSinkCredentials);
        command.Parameters.AddWithValue("@expectedSource", expected.EncryptedSourceConnection);
        command.Parameters.AddWithValue("@expectedSinkCredentials", expected.EncryptedSinkCredentials);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, TenantId? tenantId, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        if (tenantId is { } id) command.Parameters.AddWithValue("@id", id.Value);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
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
        EncryptedSinkCredentials = reader.IsDBNull(9) ? null : reader.GetString(9),
    };

    private static StoredTenantSecrets ReadSecrets(DbDataReader reader) =>
        new(TenantId.Parse(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
}
