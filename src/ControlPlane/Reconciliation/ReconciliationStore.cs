using System.Runtime.CompilerServices;
using System.Text;
using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Reconciliation;

/// <summary>The reconciliation report in the control database: per-run figures of each mapped source, and the lineage of each source key.</summary>
public sealed class ReconciliationStore(MySqlDataSource controlDatabase, TimeProvider timeProvider)
{
    // Small enough that a statement's text stays off the large object heap, whose churn made the worker's GC collect gen2 every second.
    private const int RowsPerInsert = 100;
    private const string ReportColumns =
        "SELECT tenant_id, run_id, resource_type, source_table, reconciled, source_rows, rows_read, written, rejected, deleted, missing, recorded_at, elapsed_ms FROM sync_source_reports";

    /// <summary>
    /// Upserts what a run did with each key: one row per resource, the last run's state winning. A row whose table, key
    /// and state are what the store holds already is left as it is (its run is the one that last changed it): a full
    /// resync of unchanged data then reads its lineage instead of rewriting millions of rows.
    /// </summary>
    public async Task RecordLineageAsync(TenantId tenantId, IReadOnlyList<LineageEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        foreach (var batch in entries.Chunk(RowsPerInsert))
        {
            var held = await HeldLineageAsync(connection, tenantId, batch, cancellationToken);
            var chunk = batch.Where(entry => !held.Contains((entry.ResourceType, entry.ResourceId, entry.SourceTable, entry.SourceKey, entry.State))).ToArray();
            if (chunk.Length == 0) continue;
            await using var command = new MySqlCommand { Connection = connection };
            var sql = new StringBuilder("INSERT INTO sync_lineage (tenant_id, resource_type, resource_id, source_table, source_key, state, run_id, updated_at) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? string.Empty : ", ").Append($"(@tenant, @type{i}, @id{i}, @table{i}, @key{i}, @state{i}, @run{i}, @now)");
                command.Parameters.AddWithValue($"@type{i}", chunk[i].ResourceType);
                command.Parameters.AddWithValue($"@id{i}", chunk[i].ResourceId);
                command.Parameters.AddWithValue($"@table{i}", chunk[i].SourceTable);
                command.Parameters.AddWithValue($"@key{i}", chunk[i].SourceKey);
                command.Parameters.AddWithValue($"@state{i}", chunk[i].State);
                command.Parameters.AddWithValue($"@run{i}", chunk[i].RunId);
            }

            sql.Append(" ON DUPLICATE KEY UPDATE source_table = VALUES(source_table), source_key = VALUES(source_key), state = VALUES(state), run_id = VALUES(run_id), updated_at = VALUES(updated_at)");
            command.CommandText = sql.ToString();
            command.Parameters.AddWithValue("@tenant", tenantId.Value);
            command.Parameters.AddWithValue("@now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<HashSet<(string, string, string, string, string)>> HeldLineageAsync(MySqlConnection connection, TenantId tenantId,
        IReadOnlyList<LineageEntry> entries, CancellationToken cancellationToken)
    {
        var held = new HashSet<(string, string, string, string, string)>();
        foreach (var type in entries.GroupBy(entry => entry.ResourceType, StringComparer.Ordinal))
        {
            await using var command = new MySqlCommand { Connection = connection };
            var ids = new StringBuilder();
            var n = 0;
            foreach (var entry in type)
            {
                ids.Append(n == 0 ? "@id0" : $", @id{n}");
                command.Parameters.AddWithValue($"@id{n++}", entry.ResourceId);
            }

            command.CommandText = $"SELECT resource_id, source_table, source_key, state FROM sync_lineage WHERE tenant_id = @tenant AND resource_type = @type AND resource_id IN ({ids})";
            command.Parameters.AddWithValue("@tenant", tenantId.Value);
            command.Parameters.AddWithValue("@type", type.Key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) held.Add((type.Key, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return held;
    }

    /// <summary>
    /// Adds what a run did since its last call to each source's figures (rows read, written, rejected, deleted, time),
    /// so a run reports progress page by page and a long run's slices add up. <paramref name="final"/> also sets what
    /// only the end of a run knows: the table's row count, whether it reconciled and what was missing.
    /// </summary>
    public async Task AddToReportsAsync(IReadOnlyList<SourceReport> deltas, bool final, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return;
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        foreach (var delta in deltas)
        {
            await using var command = new MySqlCommand($"""
                INSERT INTO sync_source_reports (tenant_id, run_id, resource_type, source_table, reconciled, source_rows, rows_read, written, rejected, deleted, missing, elapsed_ms, recorded_at)
                VALUES (@tenant, @run, @type, @table, @reconciled, @sourceRows, @read, @written, @rejected, @deleted, @missing, @elapsed, @at)
                ON DUPLICATE KEY UPDATE rows_read = rows_read + VALUES(rows_read), written = written + VALUES(written), rejected = rejected + VALUES(rejected),
                  deleted = deleted + VALUES(deleted), elapsed_ms = elapsed_ms + VALUES(elapsed_ms), recorded_at = VALUES(recorded_at)
                  {(final ? ", reconciled = VALUES(reconciled), source_rows = VALUES(source_rows), missing = VALUES(missing)" : string.Empty)}
                """, connection);
            command.Parameters.AddWithValue("@tenant", delta.TenantId.Value);
            command.Parameters.AddWithValue("@run", delta.RunId);
            command.Parameters.AddWithValue("@type", delta.ResourceType);
            command.Parameters.AddWithValue("@table", delta.SourceTable);
            command.Parameters.AddWithValue("@reconciled", delta.Reconciled);
            command.Parameters.AddWithValue("@sourceRows", delta.SourceRows);
            command.Parameters.AddWithValue("@read", delta.RowsRead);
            command.Parameters.AddWithValue("@written", delta.Written);
            command.Parameters.AddWithValue("@rejected", delta.Rejected);
            command.Parameters.AddWithValue("@deleted", delta.Deleted);
            command.Parameters.AddWithValue("@missing", delta.Missing);
            command.Parameters.AddWithValue("@elapsed", delta.ElapsedMs);
            command.Parameters.AddWithValue("@at", delta.RecordedAt.UtcDateTime);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Each mapped source's most recent report, or the reports of one run.</summary>
    public async Task<IReadOnlyList<SourceReport>> ReportsAsync(TenantId tenantId, Guid? runId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(runId is null
            ? $"""
              {ReportColumns} r WHERE tenant_id = @tenant AND recorded_at = (SELECT MAX(recorded_at) FROM sync_source_reports l
                WHERE l.tenant_id = r.tenant_id AND l.resource_type = r.resource_type AND l.source_table = r.source_table)
              ORDER BY resource_type, source_table
              """
            : $"{ReportColumns} WHERE tenant_id = @tenant AND run_id = @run ORDER BY resource_type, source_table", connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@run", runId);
        var reports = new List<SourceReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(new SourceReport(TenantId.Parse(reader.GetString(0)), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetInt64(10),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(11), DateTimeKind.Utc)), reader.GetInt64(12)));
        }

        return reports;
    }

    /// <summary>The tenant's lineage, optionally of one source table and in one state, by table and key.</summary>
    public async IAsyncEnumerable<LineageEntry> LineageAsync(TenantId tenantId, string? sourceTable, string? state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            SELECT resource_type, source_table, source_key, resource_id, state, run_id FROM sync_lineage
            WHERE tenant_id = @tenant AND (@table IS NULL OR source_table = @table) AND (@state IS NULL OR state = @state)
            ORDER BY resource_type, source_table, source_key
            """, connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@table", sourceTable);
        command.Parameters.AddWithValue("@state", state);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new LineageEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetGuid(5));
    }

    /// <summary>Ids of one source's resources whose key is in <paramref name="state"/>, e.g. the rejected ones a reconciliation does not call missing.</summary>
    public async Task<HashSet<string>> ResourceIdsAsync(TenantId tenantId, string resourceType, string sourceTable, string state, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT resource_id FROM sync_lineage WHERE tenant_id = @tenant AND resource_type = @type AND source_table = @table AND state = @state", connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@type", resourceType);
        command.Parameters.AddWithValue("@table", sourceTable);
        command.Parameters.AddWithValue("@state", state);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }
}
