namespace FhirSync.Mapping.Documents;

/// <summary>
/// Fills one FHIR element from a column, a constant, or a reference to another mapped resource.
/// Exactly one of <see cref="Column"/>, <see cref="Columns"/>, <see cref="Value"/> and <see cref="Reference"/> is set.
/// </summary>
public sealed record ElementMapping
{
    /// <summary>FHIR element path relative to the resource (or child element), e.g. <c>name[0].family</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The source column whose value fills the element.</summary>
    public string? Column { get; init; }

    /// <summary>Several source columns, combined by a first <c>concat</c> transform.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>A constant value for the element.</summary>
    public string? Value { get; init; }

    /// <summary>A reference to another resource, resolved from foreign-key columns.</summary>
    public ReferenceMapping? Reference { get; init; }

    /// <summary>Transforms applied to the column value, in order.</summary>
    public IReadOnlyList<TransformStep> Transform { get; init; } = [];
}
