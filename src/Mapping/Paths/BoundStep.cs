using System.Collections;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Paths;

/// <summary>A path segment bound to the FHIR model: the property to follow and the concrete type found there.</summary>
internal sealed class BoundStep(PathSegment segment, PropertyMapping property, ClassMapping elementType, BoundElementPath? match)
{
    private readonly PropertyAccessor _accessor = new(property.NativeProperty ?? throw new ArgumentException($"{property.Name} has no .NET property", nameof(property)));

    public PathSegment Segment { get; } = segment;

    public ClassMapping ElementType { get; } = elementType;

    public bool IsCollection { get; } = property.IsCollection;

    /// <summary>For <c>[system=phone]</c>: the bound child path compared against, and set on a new repetition.</summary>
    public BoundElementPath? Match { get; } = match;

    /// <summary>Returns the element this step points at under <paramref name="parent"/>, creating it when absent.</summary>
    public Base GetOrCreate(Base parent, TimeZoneInfo timeZone)
    {
        if (!IsCollection)
        {
            if (_accessor.Get(parent) is Base existing && existing.GetType() == ElementType.NativeType) return existing;
            var created = (Base)ElementType.CreateInstance();
            _accessor.Set(parent, created);
            return created;
        }

        var list = List(parent);
        if (Match is not null)
        {
            foreach (Base item in list)
            {
                if (Match.ReadText(item) == Segment.MatchValue) return item;
            }

            var matched = (Base)ElementType.CreateInstance();
            Match.Write(matched, Segment.MatchValue!, timeZone);
            list.Add(matched);
            return matched;
        }

        var index = Segment.Index ?? 0;
        while (list.Count <= index) list.Add(ElementType.CreateInstance());
        return (Base)list[index]!;
    }

    /// <summary>Stores <paramref name="value"/> as this step's element under <paramref name="parent"/>.</summary>
    public void Store(Base parent, Base value)
    {
        if (!IsCollection)
        {
            _accessor.Set(parent, value);
            return;
        }

        var list = List(parent);
        if (Segment.Index is not { } index)
        {
            list.Add(value);
            return;
        }

        while (list.Count < index) list.Add(ElementType.CreateInstance());
        if (list.Count == index) list.Add(value);
        else list[index] = value;
    }

    /// <summary>Appends a fresh repetition (a child row's element) and returns it.</summary>
    public Base Append(Base parent)
    {
        var created = (Base)ElementType.CreateInstance();
        List(parent).Add(created);
        return created;
    }

    public object? Read(Base parent)
    {
        var value = _accessor.Get(parent);
        if (!IsCollection) return value;
        var list = (IList?)value;
        var index = Segment.Index ?? 0;
        return list is not null && list.Count > index ? list[index] : null;
    }

    private IList List(Base parent)
    {
        if (_accessor.Get(parent) is IList list) return list;
        var created = ElementType.CreateList();
        _accessor.Set(parent, created);
        return created;
    }
}
