namespace FhirSync.Mapping.Compilation;

/// <summary>The distinct columns a mapper reads, in select order; ordinals are fixed when the mapping compiles.</summary>
internal sealed class ColumnSet
{
    private readonly List<string> _columns = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Columns => _columns;

    public int Add(string column)
    {
        if (_ordinals.TryGetValue(column, out var ordinal)) return ordinal;
        _ordinals[column] = _columns.Count;
        _columns.Add(column);
        return _columns.Count - 1;
    }

    public int[] AddAll(IEnumerable<string> columns) => columns.Select(Add).ToArray();
}
