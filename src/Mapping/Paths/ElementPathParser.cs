using System.Globalization;
using System.Text.RegularExpressions;

namespace FhirSync.Mapping.Paths;

/// <summary>Splits <c>telecom[system=phone].value</c> into segments; syntax only, the FHIR model checks come later.</summary>
internal static partial class ElementPathParser
{
    /// <summary>Splits on dots that are not inside a selector, so <c>identifier[system=http://x.org/id].value</c> works.</summary>
    private static List<string> SplitOutsideSelectors(string path)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '[') depth++;
            else if (path[i] == ']') depth--;
            else if (path[i] == '.' && depth == 0)
            {
                parts.Add(path[start..i]);
                start = i + 1;
            }
        }

        parts.Add(path[start..]);
        return parts;
    }

    [GeneratedRegex(@"^(?<name>[a-z][A-Za-z0-9]*)(\[(?:(?<index>\d{1,3})|(?<matchElement>[a-z][A-Za-z0-9]*)=(?<matchValue>[^\[\]=]+))\])?$")]
    private static partial Regex SegmentPattern();

    /// <summary>Parses <paramref name="path"/>, or returns null with <paramref name="problem"/> describing why not.</summary>
    public static IReadOnlyList<PathSegment>? TryParse(string path, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            problem = "the path is empty";
            return null;
        }

        var segments = new List<PathSegment>();
        foreach (var part in SplitOutsideSelectors(path))
        {
            var match = SegmentPattern().Match(part);
            if (!match.Success)
            {
                problem = $"'{part}' is not an element name with an optional [index] or [element=value] selector";
                return null;
            }

            var index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : (int?)null;
            segments.Add(new PathSegment(
                match.Groups["name"].Value,
                index,
                match.Groups["matchElement"].Success ? match.Groups["matchElement"].Value : null,
                match.Groups["matchValue"].Success ? match.Groups["matchValue"].Value : null));
        }

        return segments;
    }
}
