using FhirSync.Mapping.Compilation;

namespace FhirSync.Mapping.Tests;

/// <summary>Compiles a one-resource document written inline in a test.</summary>
internal static class InlineMappings
{
    public static CompiledResourceMapper Patient(string elementsJson, string codeTablesJson = "{}") =>
        Compile($$"""
            { "formatVersion": 1, "codeTables": {{codeTablesJson}},
              "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "elements": [ {{elementsJson}} ] } ] }
            """).Resources[0];

    public static CompiledMapping Compile(string json) =>
        MappingCompiler.Compile(json, "inline", DemoMappings.IdentityFor("inline"));

    public static Hl7.Fhir.Model.Patient MapPatient(this CompiledResourceMapper mapper, params (string Column, object? Value)[] values) =>
        (Hl7.Fhir.Model.Patient)mapper.Map(mapper.Row(values.Append((Column: "id", Value: (object?)7)).ToDictionary(v => v.Column, v => v.Value))).Resource;
}
