using FhirSync.Mapping.Documents;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Transforms;

/// <summary>
/// What kind of value a transform chain hands to its element, checked against the element's FHIR type when the
/// document loads: a <c>boolean</c> transform feeding <c>gender</c> is a document error, not a row error.
/// </summary>
internal static class TransformOutput
{
    /// <summary>Returns a problem when the chain's output cannot fill <paramref name="leaf"/>, otherwise null.</summary>
    public static string? Mismatch(IReadOnlyList<TransformStep> steps, ClassMapping leaf)
    {
        var producer = steps.LastOrDefault(step => step.Op is "boolean" or "decimal" or "date" or "dateTime" or "epochSeconds" or "map" or "concat" or "split");
        var fits = producer?.Op switch
        {
            "boolean" => leaf.NativeType == typeof(FhirBoolean),
            "decimal" => leaf.NativeType == typeof(FhirDecimal) || typeof(Integer).IsAssignableFrom(leaf.NativeType)
                         || leaf.NativeType == typeof(UnsignedInt) || leaf.NativeType == typeof(PositiveInt) || leaf.NativeType == typeof(Integer64),
            "date" or "dateTime" or "epochSeconds" => leaf.NativeType == typeof(Date) || leaf.NativeType == typeof(FhirDateTime) || leaf.NativeType == typeof(Instant),
            _ => true,
        };
        return fits ? null : $"transform '{producer!.Op}' produces a value that a {(leaf.IsCodeOfT ? "code" : leaf.Name)} element cannot hold";
    }
}
