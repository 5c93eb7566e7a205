namespace FhirSync.Mapping.Benchmarks;

/// <summary>Positions of named columns in a mapper's select order, resolved once.</summary>
internal sealed class ColumnOrdinals(IReadOnlyList<string> selectColumns)
{
    /// <summary>The column's position; throws when the mapper does not select it.</summary>
    public int this[string column] => Find(column) is var ordinal and >= 0
        ? ordinal
        : throw new InvalidOperationException($"the mapper does not select column '{column}' (it selects {string.Join(", ", selectColumns)})");

    /// <summary>The column's position, or -1 when the mapper does not select it (an element the mapping may not have yet).</summary>
    public int Find(string column)
    {
        for (var i = 0; i < selectColumns.Count; i++)
        {
            if (string.Equals(selectColumns[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return -1;
    }
}
