namespace FhirSync.Mapping.Documents;

/// <summary>
/// One transform in a chain. <see cref="Op"/> names it; the other properties are its arguments.
/// Supported: <c>trim</c>, <c>split</c> (separator, index), <c>date</c> and <c>dateTime</c> (format),
/// <c>map</c> (values or a shared table, optional fallback), <c>decimal</c>, <c>boolean</c>, <c>epochSeconds</c>,
/// <c>concat</c> (separator; first transform of a <c>columns</c> element), <c>nullIf</c> (value), <c>default</c> (value).
/// </summary>
public sealed record TransformStep
{
    /// <summary>The transform's name.</summary>
    public required string Op { get; init; }

    /// <summary>Separator for <c>split</c>.</summary>
    public string? Separator { get; init; }

    /// <summary>Zero-based part to keep for <c>split</c>.</summary>
    public int? Index { get; init; }

    /// <summary>Source format for <c>date</c> and <c>dateTime</c>, e.g. <c>yyyyMMdd</c>.</summary>
    public string? Format { get; init; }

    /// <summary>Code table for <c>map</c>: source code to target code.</summary>
    public IReadOnlyDictionary<string, string>? Values { get; init; }

    /// <summary>For <c>map</c>: the name of a shared code table of the document, instead of inline values.</summary>
    public string? Table { get; init; }

    /// <summary>Argument of <c>nullIf</c> and <c>default</c>, and the fallback of <c>map</c>.</summary>
    public string? Value { get; init; }
}
