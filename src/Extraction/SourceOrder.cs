using FhirSync.Mapping.Compilation;

namespace FhirSync.Extraction;

/// <summary>
/// The order a source is read in: its key alone for a full read, or its change-tracking columns then its key for an
/// incremental one (the key breaks ties between rows changed at the same moment). Holds where each ordering column
/// sits in a row, so a page's last row gives the position to resume after.
/// </summary>
public sealed class SourceOrder
{
    private readonly int[] _indexes;

    private SourceOrder(IReadOnlyList<string> columns, CompiledResourceMapper mapper)
    {
        Columns = columns;
        _indexes = [.. columns.Select(column => IndexOf(mapper, column))];
    }

    public IReadOnlyList<string> Columns { get; }

    public static SourceOrder ByKey(CompiledResourceMapper mapper) => new(mapper.KeyColumns, mapper);

    /// <summary>Change-tracking columns, then key columns not already among them.</summary>
    public static SourceOrder ByChange(CompiledResourceMapper mapper) =>
        new([.. mapper.ChangeTrackingColumns, .. mapper.KeyColumns.Where(key => !mapper.ChangeTrackingColumns.Contains(key, StringComparer.OrdinalIgnoreCase))], mapper);

    public object?[] PositionOf(object?[] row) => [.. _indexes.Select(index => row[index])];

    private static int IndexOf(CompiledResourceMapper mapper, string column)
    {
        for (var i = 0; i < mapper.SelectColumns.Count; i++)
        {
            if (string.Equals(mapper.SelectColumns[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        }

        throw new ArgumentException($"column '{column}' is not selected for table '{mapper.Table}'", nameof(column));
    }
}
