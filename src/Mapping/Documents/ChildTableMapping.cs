namespace FhirSync.Mapping.Documents;

/// <summary>A child table whose rows become repeating elements (addresses, phones) of the parent resource.</summary>
public sealed record ChildTableMapping
{
    /// <summary>The child table, as named in the tenant's database.</summary>
    public required string Table { get; init; }

    /// <summary>The child's columns that hold the parent's key, in the order of the parent key.</summary>
    public required IReadOnlyList<string> ParentKey { get; init; }

    /// <summary>Columns that order the child rows of one parent.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>The repeating element each child row appends to, e.g. <c>address</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Element mappings relative to the appended element.</summary>
    public required IReadOnlyList<ElementMapping> Elements { get; init; }
}
