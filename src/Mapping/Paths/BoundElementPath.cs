using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Paths;

/// <summary>An element path checked against the Firely model, ready to write values into resources.</summary>
internal sealed class BoundElementPath(string text, IReadOnlyList<BoundStep> steps)
{
    public string Text { get; } = text;

    /// <summary>The type of the element the path ends at.</summary>
    public ClassMapping LeafType => steps[^1].ElementType;

    public bool EndsInCollection => steps[^1].IsCollection;

    /// <summary>Writes a transformed source value (or a ready element such as a Reference) at the path.</summary>
    public void Write(Base root, object value, TimeZoneInfo timeZone)
    {
        var parent = NavigateToParent(root, timeZone);
        var element = value as Base ?? PrimitiveValueConverter.ToPrimitive(LeafType, value, timeZone);
        steps[^1].Store(parent, element);
    }

    /// <summary>Appends a new repetition at the path (for a child row) and returns it.</summary>
    public Base Append(Base root, TimeZoneInfo timeZone) => steps[^1].Append(NavigateToParent(root, timeZone));

    /// <summary>Reads a primitive at the path as text, without creating anything; null when absent.</summary>
    public string? ReadText(Base root)
    {
        object? current = root;
        foreach (var step in steps)
        {
            if (current is not Base node) return null;
            current = step.Read(node);
        }

        return current is PrimitiveType primitive ? primitive.JsonValue?.ToString() : null;
    }

    private Base NavigateToParent(Base root, TimeZoneInfo timeZone)
    {
        var current = root;
        for (var i = 0; i < steps.Count - 1; i++) current = steps[i].GetOrCreate(current, timeZone);
        return current;
    }
}
