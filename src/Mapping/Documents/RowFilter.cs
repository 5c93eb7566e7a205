namespace FhirSync.Mapping.Documents;

/// <summary>
/// One structured condition on a source column: <c>equals</c>, <c>notEquals</c>, <c>in</c>, <c>isNull</c> or
/// <c>isNotNull</c>. Values are compared as text and always sent as parameters.
/// </summary>
public sealed record RowFilter
{
    /// <summary>The source column tested.</summary>
    public required string Column { get; init; }

    /// <summary>The comparison.</summary>
    public required string Op { get; init; }

    /// <summary>The value for <c>equals</c> and <c>notEquals</c>.</summary>
    public string? Value { get; init; }

    /// <summary>The values for <c>in</c>.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}
