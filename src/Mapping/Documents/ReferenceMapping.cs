namespace FhirSync.Mapping.Documents;

/// <summary>A reference to a resource of this tenant, computed from the foreign key without a lookup.</summary>
public sealed record ReferenceMapping
{
    /// <summary>The referenced resource type, e.g. <c>Patient</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The columns holding the referenced row's key, in the order of its key.</summary>
    public required IReadOnlyList<string> Columns { get; init; }
}
