using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace FhirSync.Mapping.Validation;

/// <summary>
/// Validates a mapped resource with the Firely SDK's own POCO validation (cardinality, required elements, primitive
/// formats, required bindings). Firely's messages quote the offending value, so only the rule code and the element
/// path are kept.
/// </summary>
internal static class OutputValidator
{
    private static readonly Dictionary<string, string> RuleNames = new(StringComparer.Ordinal)
    {
        ["PVAL105"] = "a required element is missing",
        ["PVAL106"] = "an element repeats more often than allowed",
        ["PVAL116"] = "the code is not in the element's required value set",
        ["PVAL124"] = "the value is not a valid literal for its type",
        ["PVAL129"] = "the element is empty",
    };

    /// <summary>Returns null when valid, or a value-free description of the first problems.</summary>
    public static string? Problems(Resource resource)
    {
        var problems = resource.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.None, null!, true);
        if (problems.Count == 0) return null;
        return string.Join("; ", problems.Take(3).Select(problem =>
            $"{problem.InstancePath}: {(problem.ErrorCode is { } code && RuleNames.TryGetValue(code, out var name) ? name : "invalid")} ({problem.ErrorCode})"));
    }
}
