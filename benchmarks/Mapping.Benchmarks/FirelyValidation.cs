using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>
/// The Firely POCO validation the engine runs on every mapped resource (src/Mapping/Validation/OutputValidator.cs), with
/// the same arguments, so a hand-written mapper can be measured with and without it.
/// </summary>
internal static class FirelyValidation
{
    public static Resource Validated(Resource resource)
    {
        var problems = resource.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.None, null!, true);
        return problems.Count == 0 ? resource : throw new InvalidOperationException($"{resource.TypeName} {resource.Id} is invalid: {problems.Count} problems");
    }
}
