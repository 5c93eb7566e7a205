using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Paths;

/// <summary>Checks an element path against the Firely model and binds each segment to its property and type.</summary>
internal static class ElementPathBinder
{
    public static readonly ModelInspector Inspector = ModelInfo.ModelInspector;

    /// <summary>Binds <paramref name="path"/> under <paramref name="root"/>, or returns null with the problem.</summary>
    public static BoundElementPath? TryBind(ClassMapping root, string path, out string? problem)
    {
        var segments = ElementPathParser.TryParse(path, out problem);
        if (segments is null) return null;

        var steps = new List<BoundStep>(segments.Count);
        var current = root;
        foreach (var segment in segments)
        {
            var (property, elementType) = FindElement(current, segment.Name, out problem);
            if (property is null || elementType is null) return null;

            if ((segment.Index is not null || segment.HasMatch) && !property.IsCollection)
            {
                problem = $"'{segment.Name}' on {current.Name} does not repeat, so it takes no [..] selector";
                return null;
            }

            BoundElementPath? match = null;
            if (segment.HasMatch)
            {
                match = TryBind(elementType, segment.MatchElement!, out problem);
                if (match is null) return null;
                if (!match.LeafType.IsFhirPrimitive)
                {
                    problem = $"selector '{segment.MatchElement}' on {elementType.Name} is not a primitive element";
                    return null;
                }
            }

            steps.Add(new BoundStep(segment, property, elementType, match));
            current = elementType;
        }

        return new BoundElementPath(path, steps);
    }

    private static (PropertyMapping? Property, ClassMapping? Type) FindElement(ClassMapping owner, string name, out string? problem)
    {
        problem = null;
        var property = owner.FindMappedElementByName(name);
        if (property is not null && property.Choice != ChoiceType.DatatypeChoice)
        {
            var type = Inspector.FindOrImportClassMapping(property.ImplementingType);
            if (type is not null) return (property, type);
        }

        // A choice element is named with its type, e.g. valueQuantity or effectiveDateTime.
        foreach (var candidate in owner.PropertyMappings)
        {
            if (candidate.Choice != ChoiceType.DatatypeChoice || !name.StartsWith(candidate.Name, StringComparison.Ordinal)) continue;
            var typeName = name[candidate.Name.Length..];
            if (typeName.Length == 0)
            {
                problem = $"'{name}' on {owner.Name} is a choice element: name its type, e.g. {name}String";
                return (null, null);
            }

            var choiceType = Inspector.FindClassMapping(typeName) ?? Inspector.FindClassMapping(char.ToLowerInvariant(typeName[0]) + typeName[1..]);
            if (choiceType is not null && candidate.FhirType.Any(allowed => allowed.IsAssignableFrom(choiceType.NativeType)))
            {
                return (candidate, choiceType);
            }

            problem = $"'{name}' on {owner.Name}: {typeName} is not one of the types {candidate.Name}[x] allows";
            return (null, null);
        }

        problem = $"{owner.Name} has no element '{name}'";
        return (null, null);
    }
}
