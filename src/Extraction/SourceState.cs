using MySqlConnector;
using FhirSync.Mapping.Compilation;

namespace FhirSync.Extraction;

/// <summary>What a source holds now, for judging whether a stored watermark can still be trusted.</summary>
public static class SourceState
{
    /// <summary>Rows under the mapping's filter.</summary>
    public static async Task<long> CountRowsAsync(ISourceConnections source, CompiledResourceMapper mapper, CancellationToken cancellationToken)
    {
        await using var lease = await source.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand { Connection = lease.Connection };
        command.CommandText = $"SELECT COUNT(*) FROM {SqlIdentifier.Quote(mapper.Table)}{Where(RowFilterSql.Conditions(mapper.Filter, command))}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether any row under the filter sits at or after <paramref name="position"/> in <paramref name="order"/>.</summary>
    public static async Task<bool> AnyRowAtOrAfterAsync(ISourceConnections source, CompiledResourceMapper mapper, SourceOrder order, object?[] position,
        CancellationToken cancellationToken)
    {
        await using var lease = await source.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand { Connection = lease.Connection };
        var conditions = RowFilterSql.Conditions(mapper.Filter, command);
        conditions.Add(PositionSql.AtOrAfter(order, position, command));
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {SqlIdentifier.Quote(mapper.Table)}{Where(conditions)})";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? string.Empty : $" WHERE {string.Join(" AND ", conditions)}";
}
