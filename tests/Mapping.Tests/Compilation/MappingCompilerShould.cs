using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Documents;

namespace FhirSync.Mapping.Tests.Compilation;

public sealed class MappingCompilerShould
{
    private static MappingDefinitionException CompileFailure(string resourceJson)
    {
        var json = $$"""{ "formatVersion": 1, "resources": [ {{resourceJson}} ] }""";
        return Assert.Throws<MappingDefinitionException>(() =>
            MappingCompiler.Compile(MappingDocumentReader.Read(json, "tenant-x"), "tenant-x", DemoMappings.IdentityFor("tenant-x")));
    }

    [Fact]
    public void RefuseAnUnknownElementNamingDocumentResourceAndPath()
    {
        var error = CompileFailure("""{ "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[0].surname", "column": "x" } ] }""");

        Assert.Equal("mapping 'tenant-x', resource Patient from p, path 'name[0].surname': HumanName has no element 'surname'", error.Message);
    }

    [Fact]
    public void RefuseAChoiceTypeTheElementDoesNotAllow()
    {
        var error = CompileFailure("""{ "resourceType": "Observation", "table": "o", "key": ["id"], "elements": [ { "path": "valueAddress.city", "column": "x" } ] }""");

        Assert.Contains("Address is not one of the types value[x] allows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAPathThatEndsAtAComplexElement()
    {
        var error = CompileFailure("""{ "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[0]", "column": "x" } ] }""");

        Assert.Contains("ends at a HumanName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAReferenceToAResourceTheDocumentDoesNotMap()
    {
        var error = CompileFailure("""{ "resourceType": "Observation", "table": "o", "key": ["id"], "elements": [ { "path": "subject", "reference": { "resourceType": "Patient", "columns": ["pid"] } } ] }""");

        Assert.Contains("references Patient, which this document does not map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAnUnknownResourceType()
    {
        var error = CompileFailure("""{ "resourceType": "Patiente", "table": "p", "key": ["id"], "elements": [] }""");

        Assert.Contains("'Patiente' is not a FHIR R4 resource type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAnUnknownTransform()
    {
        var error = CompileFailure("""{ "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "transform": [ { "op": "upper" } ] } ] }""");

        Assert.Contains("unknown transform 'upper'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAMisspelledDocumentProperty()
    {
        var error = Assert.Throws<MappingDefinitionException>(() =>
            MappingDocumentReader.Read("""{ "formatVersion": 1, "resources": [], "timeZones": "UTC" }""", "tenant-x"));

        Assert.Contains("mapping 'tenant-x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("timeZones", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PutKeyColumnsFirstInTheSelectList()
    {
        var mapper = DemoMappings.Compile("clinic-b").Mapper("Observation");

        Assert.Equal(["RES_ID", "LAST_MOD"], mapper.SelectColumns.Take(2));
        Assert.Contains("PAT_NO", mapper.SelectColumns);
        Assert.Equal(mapper.SelectColumns.Count, mapper.SelectColumns.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void RefuseANullEntryInAListNamingWhere()
    {
        var error = Assert.Throws<MappingDefinitionException>(() =>
            MappingDocumentReader.Read("""{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ null ] } ] }""", "tenant-x"));

        Assert.Contains("$.resources[0].elements[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseATransformOnAConstant()
    {
        var error = CompileFailure("""{ "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "value": "male", "transform": [ { "op": "upper" } ] } ] }""");

        Assert.Contains("transforms apply to column values only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAConstantCodeTheElementDoesNotAllowAtLoad()
    {
        var error = CompileFailure("""{ "resourceType": "Observation", "table": "o", "key": ["id"], "elements": [ { "path": "status", "value": "done" } ] }""");

        Assert.Contains("path 'status': the code is not in the element's required value set", error.Message, StringComparison.Ordinal);
    }
}
