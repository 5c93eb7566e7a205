using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>The SQL condition "after this position" for a read order, with the position's values bound as parameters.</summary>
internal static class PositionSql
{
    /// <summary>
    /// Rows after the position in <paramref name="order"/>, as <c>(`c1`, `c2`) &gt; (@p0, @p1)</c> would say (ties on the
    /// first column fall to the next), written out as <c>`c1` &gt;= @p0 AND (`c1` &gt; @p0 OR (`c1` = @p0 AND `c2` &gt; @p1))</c>.
    /// </summary>
    public static string After(SourceOrder order, object?[] position, MySqlCommand command) => Compare(order, position, ">", "@after", command);

    /// <summary>Rows at or after the position: as <see cref="After"/>, with the last column compared by <c>&gt;=</c>.</summary>
    public static string AtOrAfter(SourceOrder order, object?[] position, MySqlCommand command) => Compare(order, position, ">=", "@atOrAfter", command);

    private static string Compare(SourceOrder order, object?[] position, string op, string prefix, MySqlCommand command)
    {
        if (position.Length != order.Columns.Count) throw new ArgumentException($"a position of {position.Length} values cannot order by {order.Columns.Count} columns", nameof(position));
        var names = new string[position.Length];
        for (var i = 0; i < position.Length; i++)
        {
            names[i] = $"{prefix}{i}";
            command.Parameters.AddWithValue(names[i], position[i]);
        }

        // Not the row comparison "(a, b) > (x, y)": MariaDB does not turn that into an index range, so every page would scan
        // (and sort) the table from its start. Expanded, with the leading column's bound first, it reads from the position on.
        var columns = order.Columns.Select(SqlIdentifier.Quote).ToArray();
        var tail = $"{columns[^1]} {op} {names[^1]}";
        for (var i = columns.Length - 2; i >= 0; i--) tail = $"{columns[i]} > {names[i]} OR ({columns[i]} = {names[i]} AND ({tail}))";
        return columns.Length == 1 ? $"({tail})" : $"({columns[0]} >= {names[0]} AND ({tail}))";
    }
}
