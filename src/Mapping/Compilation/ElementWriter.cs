using FhirSync.Mapping.Identity;
using FhirSync.Mapping.Paths;
using FhirSync.Mapping.Transforms;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>Writes one mapped element into a resource (or child element) from a source row.</summary>
internal abstract class ElementWriter(BoundElementPath path)
{
    public BoundElementPath Path { get; } = path;

    /// <summary>Writes the element; returns whether anything was written (part of the resource's shape).</summary>
    public abstract bool Write(Base target, object?[] row, TimeZoneInfo timeZone);
}

/// <summary>A column value, transformed; an absent (NULL, empty) value writes nothing.</summary>
internal sealed class ColumnElementWriter(BoundElementPath path, int ordinal, ValueTransform transform) : ElementWriter(path)
{
    public override bool Write(Base target, object?[] row, TimeZoneInfo timeZone)
    {
        var raw = row[ordinal];
        var value = transform(raw is DBNull ? null : raw);
        if (value is null || value is string { Length: 0 }) return false;
        Path.Write(target, value, timeZone);
        return true;
    }
}

/// <summary>Several column values, handed together to a chain that starts with <c>concat</c>.</summary>
internal sealed class ColumnsElementWriter(BoundElementPath path, int[] ordinals, ValueTransform transform) : ElementWriter(path)
{
    public override bool Write(Base target, object?[] row, TimeZoneInfo timeZone)
    {
        var values = new object?[ordinals.Length];
        for (var i = 0; i < ordinals.Length; i++) values[i] = row[ordinals[i]] is DBNull ? null : row[ordinals[i]];
        var value = transform(values);
        if (value is null || value is string { Length: 0 }) return false;
        Path.Write(target, value, timeZone);
        return true;
    }
}

/// <summary>A constant from the mapping document.</summary>
internal sealed class ConstantElementWriter(BoundElementPath path, PrimitiveType value) : ElementWriter(path)
{
    public override bool Write(Base target, object?[] row, TimeZoneInfo timeZone)
    {
        Path.Write(target, value.DeepCopy(), timeZone);
        return true;
    }
}

/// <summary>A reference resolved from foreign-key columns to the referenced row's deterministic id, without a lookup.</summary>
internal sealed class ReferenceElementWriter(BoundElementPath path, int[] ordinals, string resourceType, TenantResourceIdentity identity)
    : ElementWriter(path)
{
    public override bool Write(Base target, object?[] row, TimeZoneInfo timeZone)
    {
        var keyValues = new object?[ordinals.Length];
        for (var i = 0; i < ordinals.Length; i++)
        {
            var value = row[ordinals[i]];
            // Legacy schemas often store "no parent" as an empty string; that is no reference, not a dangling one.
            if (value is null or DBNull || value is string text && string.IsNullOrWhiteSpace(text)) return false;
            keyValues[i] = value;
        }

        var key = TenantResourceIdentity.FormatKey(keyValues);
        Path.Write(target, new ResourceReference($"{resourceType}/{identity.ResourceId(resourceType, key)}"), timeZone);
        return true;
    }
}
