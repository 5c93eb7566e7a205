namespace FhirSync.Mapping.Documents;

/// <summary>
/// A column that marks a row as deleted in the source while the row stays in its table. A marked row becomes a delete
/// of its resource (<c>action</c> <c>delete</c>) or is written with an element set to say so (<c>action</c>
/// <c>status</c>, e.g. <c>active</c> = <c>false</c>).
/// </summary>
public sealed record SoftDeleteMapping
{
    /// <summary>The source column that marks a deleted row.</summary>
    public required string Column { get; init; }

    /// <summary>The column values (compared as text) that mean the row is deleted; NULL never does.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    /// <summary><c>delete</c>: the resource is deleted from the sink. <c>status</c>: it is written with <see cref="Path"/> set to <see cref="Value"/>.</summary>
    public required string Action { get; init; }

    /// <summary>For <c>status</c>: the element that says the resource is deleted, e.g. <c>active</c> or <c>status</c>.</summary>
    public string? Path { get; init; }

    /// <summary>For <c>status</c>: the constant the element takes, e.g. <c>false</c> or <c>entered-in-error</c>.</summary>
    public string? Value { get; init; }
}
