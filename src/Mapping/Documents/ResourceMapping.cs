namespace FhirSync.Mapping.Documents;

/// <summary>How one source table becomes one kind of FHIR resource.</summary>
public sealed record ResourceMapping
{
    /// <summary>The FHIR resource type, e.g. <c>Patient</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The source table, as named in the tenant's database.</summary>
    public required string Table { get; init; }

    /// <summary>The columns that identify a row; they seed the resource id and identifier.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>The columns that change when a row changes, used for incremental sync.</summary>
    public IReadOnlyList<string> ChangeTracking { get; init; } = [];

    /// <summary>Conditions a row must meet to be synced, all of them (no raw SQL: values are bound as parameters).</summary>
    public IReadOnlyList<RowFilter> Filter { get; init; } = [];

    /// <summary>How rows marked deleted in the source (but still in the table) reach the sink; none when absent.</summary>
    public SoftDeleteMapping? SoftDelete { get; init; }

    /// <summary>Element mappings applied to each row.</summary>
    public required IReadOnlyList<ElementMapping> Elements { get; init; }

    /// <summary>Child tables folded into repeating elements of each resource.</summary>
    public IReadOnlyList<ChildTableMapping> Children { get; init; } = [];
}
