namespace FhirSync.Mapping.Paths;

/// <summary>
/// One step of an element path: an element name and an optional selector,
/// <c>[2]</c> for a position or <c>[system=phone]</c> for the repetition whose child has that value.
/// </summary>
internal sealed record PathSegment(string Name, int? Index, string? MatchElement, string? MatchValue)
{
    public bool HasMatch => MatchElement is not null;

    public override string ToString() =>
        Index is { } index ? $"{Name}[{index}]"
        : HasMatch ? $"{Name}[{MatchElement}={MatchValue}]"
        : Name;
}
