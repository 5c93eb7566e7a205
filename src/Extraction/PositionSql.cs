using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>The SQL condition "after this position" for a read order, with the position's values bound as parameters.</summary>
internal static class PositionSql
{
    /// <summary><c>(`c1`, `c2`) &gt; (@p0, @p1)</c>: a row-value comparison, so ties on the first column fall to the next.</summary>
    public static string After(SourceOrder order, object?[] position, MySqlCommand command) => Compare(order, position, ">", "@after", command);

    /// <summary><c>(`c1`, `c2`) &gt;= (@p0, @p1)</c>.</summary>
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

        return $"({SqlIdentifier.QuoteAll(order.Columns)}) {op} ({string.Join(", ", names)})";
    }
}
