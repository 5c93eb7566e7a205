using System.Runtime.CompilerServices;
using System.Text;
using FhirSync.Mapping.Compilation;
using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>
/// Streams a mapped table in key order, one page at a time (<c>WHERE key &gt; last ORDER BY key LIMIT n</c>), and
/// fetches each page's child rows in one query. A connection is held only while a page is read, never while the
/// caller writes it, so slow sinks do not pin source connections.
/// </summary>
public static class KeysetPageReader
{
    /// <summary>Every row, in key order.</summary>
    public static IAsyncEnumerable<SourcePage> ReadAsync(ISourceConnections source, CompiledResourceMapper mapper, int pageSize, CancellationToken cancellationToken) =>
        ReadAsync(source, mapper, SourceOrder.ByKey(mapper), startAfter: null, pageSize, cancellationToken);

    /// <summary>The rows after <paramref name="startAfter"/> (all rows when null) in <paramref name="order"/>.</summary>
    public static async IAsyncEnumerable<SourcePage> ReadAsync(ISourceConnections source, CompiledResourceMapper mapper, SourceOrder order,
        object?[]? startAfter, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = startAfter;
        while (true)
        {
            SourcePage page;
            await using (var lease = await source.OpenAsync(cancellationToken))
            {
                var connection = lease.Connection;
                var rows = await ReadPageAsync(connection, mapper, order, after, pageSize, cancellationToken);
                if (rows.Count == 0) yield break;
                var children = new List<ILookup<string, object?[]>>(mapper.Children.Count);
                foreach (var child in mapper.Children) children.Add(await ReadChildrenAsync(connection, child, rows, cancellationToken));
                after = order.PositionOf(rows[^1]);
                page = new SourcePage(rows, children, after);
            }

            yield return page;
            if (page.Rows.Count < pageSize) yield break;
        }
    }

    private static async Task<List<object?[]>> ReadPageAsync(MySqlConnection connection, CompiledResourceMapper mapper, SourceOrder order, object?[]? after,
        int pageSize, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {SqlIdentifier.QuoteAll(mapper.SelectColumns)} FROM {SqlIdentifier.Quote(mapper.Table)}");
        await using var command = new MySqlCommand { Connection = connection };
        var conditions = RowFilterSql.Conditions(mapper.Filter, command);
        if (after is not null) conditions.Add(PositionSql.After(order, after, command));
        if (conditions.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", conditions);

        sql.Append($" ORDER BY {SqlIdentifier.QuoteAll(order.Columns)} LIMIT @pageSize");
        command.Parameters.AddWithValue("@pageSize", pageSize);
        command.CommandText = sql.ToString();
        return await ReadRowsAsync(command, mapper.SelectColumns.Count, cancellationToken);
    }

    private static async Task<ILookup<string, object?[]>> ReadChildrenAsync(MySqlConnection connection, CompiledChildMapper child,
        List<object?[]> parentRows, CancellationToken cancellationToken)
    {
        var width = child.ParentKeyColumns.Count;
        await using var command = new MySqlCommand { Connection = connection };
        var tuples = new StringBuilder();
        for (var row = 0; row < parentRows.Count; row++)
        {
            if (row > 0) tuples.Append(", ");
            tuples.Append('(');
            for (var i = 0; i < width; i++)
            {
                var name = $"@p{row}_{i}";
                tuples.Append(i > 0 ? ", " : string.Empty).Append(name);
                command.Parameters.AddWithValue(name, parentRows[row][i]);
            }

            tuples.Append(')');
        }

        var orderBy = child.ParentKeyColumns.Concat(child.OrderByColumns);
        command.CommandText = $"SELECT {SqlIdentifier.QuoteAll(child.SelectColumns)} FROM {SqlIdentifier.Quote(child.Table)} " +
            $"WHERE ({SqlIdentifier.QuoteAll(child.ParentKeyColumns)}) IN ({tuples}) ORDER BY {SqlIdentifier.QuoteAll(orderBy)}";
        var rows = await ReadRowsAsync(command, child.SelectColumns.Count, cancellationToken);
        return rows.ToLookup(child.ParentKeyOf, StringComparer.Ordinal);
    }

    private static async Task<List<object?[]>> ReadRowsAsync(MySqlCommand command, int width, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[width];
            reader.GetValues(values!);
            rows.Add(values);
        }

        return rows;
    }
}
