using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Usage;

/// <summary>Usage events in the control database: recorded once per unit of work, published through an outbox flag, summed for billing.</summary>
public sealed class UsageStore(MySqlDataSource controlDatabase)
{
    private const string EventColumns = """
        event_id, dedupe_key, tenant_id, run_id, event_type, resource_type, rows_read, resources_written, bytes_sent, source_db_ms, duration_ms, cost_units, occurred_at
        """;

    /// <summary>Stores the event unless its unit of work was recorded before; true when it was new.</summary>
    public async Task<bool> RecordAsync(UsageEvent usage, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"""
            INSERT IGNORE INTO usage_events ({EventColumns})
            VALUES (@id, @key, @tenant, @run, @type, @resource, @read, @written, @bytes, @db, @duration, @cost, @at)
            """, connection);
        command.Parameters.AddWithValue("@id", usage.EventId);
        command.Parameters.AddWithValue("@key", usage.DedupeKey);
        command.Parameters.AddWithValue("@tenant", usage.TenantId.Value);
        command.Parameters.AddWithValue("@run", usage.RunId);
        command.Parameters.AddWithValue("@type", usage.EventType);
        command.Parameters.AddWithValue("@resource", usage.ResourceType);
        command.Parameters.AddWithValue("@read", usage.RowsRead);
        command.Parameters.AddWithValue("@written", usage.ResourcesWritten);
        command.Parameters.AddWithValue("@bytes", usage.BytesSent);
        command.Parameters.AddWithValue("@db", usage.SourceDbMs);
        command.Parameters.AddWithValue("@duration", usage.DurationMs);
        command.Parameters.AddWithValue("@cost", usage.CostUnits);
        command.Parameters.AddWithValue("@at", usage.OccurredAt.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkPublishedAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("UPDATE usage_events SET published = TRUE WHERE event_id = @id", connection);
        command.Parameters.AddWithValue("@id", eventId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Events recorded before <paramref name="before"/> and never published (their recorder stopped in between), oldest first.</summary>
    public async Task<IReadOnlyList<UsageEvent>> UnpublishedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"SELECT {EventColumns} FROM usage_events WHERE published = FALSE AND occurred_at < @before ORDER BY occurred_at LIMIT @limit",
            connection);
        command.Parameters.AddWithValue("@before", before.UtcDateTime);
        command.Parameters.AddWithValue("@limit", limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Events of a tenant (or all) in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<UsageEvent>> EventsAsync(TenantId? tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"""
            SELECT {EventColumns} FROM usage_events WHERE (@tenant IS NULL OR tenant_id = @tenant) AND occurred_at >= @from AND occurred_at < @to
            ORDER BY occurred_at, event_id
            """, connection);
        AddRange(command, tenantId, from, to);
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Per-tenant sums over [from, to); one tenant's only when <paramref name="tenantId"/> is given.</summary>
    public async Task<IReadOnlyList<UsageTotals>> TotalsAsync(TenantId? tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"""
            SELECT tenant_id, COUNT(*), SUM(event_type = '{UsageEvent.SyncPage}'), SUM(event_type = '{UsageEvent.IntakeCall}'), SUM(rows_read), SUM(resources_written),
                   SUM(bytes_sent), SUM(source_db_ms), SUM(duration_ms), SUM(cost_units)
            FROM usage_events WHERE (@tenant IS NULL OR tenant_id = @tenant) AND occurred_at >= @from AND occurred_at < @to
            GROUP BY tenant_id ORDER BY tenant_id
            """, connection);
        AddRange(command, tenantId, from, to);
        var totals = new List<UsageTotals>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new UsageTotals(TenantId.Parse(reader.GetString(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDecimal(9)));
        }

        return totals;
    }

    /// <summary>Per-tenant usage in buckets of <paramref name="bucket"/> (at least a minute) over [from, to), for charts.</summary>
    public async Task<IReadOnlyList<UsagePoint>> SeriesAsync(TenantId? tenantId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(60, (long)bucket.TotalSeconds);
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            SELECT tenant_id, FLOOR(UNIX_TIMESTAMP(occurred_at) / @bucket) * @bucket AS bucket_start, SUM(rows_read), SUM(resources_written), SUM(cost_units)
            FROM usage_events WHERE (@tenant IS NULL OR tenant_id = @tenant) AND occurred_at >= @from AND occurred_at < @to
            GROUP BY tenant_id, bucket_start ORDER BY tenant_id, bucket_start
            """, connection);
        AddRange(command, tenantId, from, to);
        command.Parameters.AddWithValue("@bucket", seconds);
        var points = new List<UsagePoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new UsagePoint(TenantId.Parse(reader.GetString(0)), DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetDecimal(4)));
        }

        return points;
    }

    private static void AddRange(MySqlCommand command, TenantId? tenantId, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.AddWithValue("@tenant", tenantId?.Value);
        command.Parameters.AddWithValue("@from", from.UtcDateTime);
        command.Parameters.AddWithValue("@to", to.UtcDateTime);
    }

    private static async Task<IReadOnlyList<UsageEvent>> ReadEventsAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<UsageEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new UsageEvent(reader.GetGuid(0), reader.GetString(1), TenantId.Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetInt64(10), reader.GetDecimal(11), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(12), DateTimeKind.Utc))));
        }

        return events;
    }
}
