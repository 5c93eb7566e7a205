using System.Runtime.CompilerServices;
using FhirSync.Mapping.Compilation;
using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>
/// Every row's key (and soft-delete marker) of a mapped table under its filter, in key order, page by page: what a
/// reconciliation holds the sink against. Only those columns are read, so a pass over a large table stays cheap.
/// </summary>
public static class SourceKeys
{
    /// <summary>Rows as wide as the mapper's select columns, with only the key columns and the soft-delete marker filled.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?[]>> ReadAsync(ISourceConnections source, CompiledResourceMapper mapper, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = SourceOrder.ByKey(mapper);
        int[] ordinals = [.. Enumerable.Range(0, mapper.KeyColumns.Count), .. mapper.SoftDelete is { } marker ? [marker.ColumnOrdinal] : Array.Empty<int>()];
        object?[]? after = null;
        while (true)
        {
            var rows = new List<object?[]>(pageSize);
            await using (var lease = await source.OpenAsync(cancellationToken))
            {
                await using var command = new MySqlCommand { Connection = lease.Connection };
                var conditions = RowFilterSql.Conditions(mapper.Filter, command);
                if (after is not null) conditions.Add(PositionSql.After(order, after, command));
                var where = conditions.Count == 0 ? string.Empty : $" WHERE {string.Join(" AND ", conditions)}";
                command.CommandText = $"SELECT {SqlIdentifier.QuoteAll(ordinals.Select(i => mapper.SelectColumns[i]))} FROM {SqlIdentifier.Quote(mapper.Table)}{where} " +
                    $"ORDER BY {SqlIdentifier.QuoteAll(order.Columns)} LIMIT @pageSize";
                command.Parameters.AddWithValue("@pageSize", pageSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new object?[mapper.SelectColumns.Count];
                    for (var i = 0; i < ordinals.Length; i++) row[ordinals[i]] = reader.GetValue(i);
                    rows.Add(row);
                }
            }

            if (rows.Count == 0) yield break;
            yield return rows;
            if (rows.Count < pageSize) yield break;
            after = order.PositionOf(rows[^1]);
        }
    }
}
