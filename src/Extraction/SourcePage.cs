namespace FhirSync.Extraction;

/// <summary>One keyset page of a source table, with each mapped child table's rows grouped by parent key.</summary>
public sealed class SourcePage(IReadOnlyList<object?[]> rows, IReadOnlyList<ILookup<string, object?[]>> childRows)
{
    private static readonly IReadOnlyList<IReadOnlyList<object?[]>> NoChildren = [];

    public IReadOnlyList<object?[]> Rows { get; } = rows;

    public IReadOnlyList<IReadOnlyList<object?[]>> ChildRowsFor(string parentKey) =>
        childRows.Count == 0 ? NoChildren : childRows.Select(lookup => (IReadOnlyList<object?[]>)lookup[parentKey].ToList()).ToList();
}
