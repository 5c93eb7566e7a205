using FhirSync.Mapping.Compilation;

namespace FhirSync.Mapping.Tests.Compilation;

/// <summary>A mapping's <c>softDelete</c>: refused at load with the resource and what to fix, and telling deleted rows apart as declared.</summary>
public sealed class SoftDeleteMappingShould
{
    private static CompiledResourceMapper Patient(string softDeleteJson, string filterJson = "[]") =>
        InlineMappings.Compile($$"""
            { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "filter": {{filterJson}},
              "softDelete": {{softDeleteJson}}, "elements": [ { "path": "name[0].family", "column": "family_name" } ] } ] }
            """).Resources[0];

    private static MappingDefinitionException Refusal(string softDeleteJson, string filterJson = "[]") =>
        Assert.Throws<MappingDefinitionException>(() => Patient(softDeleteJson, filterJson));

    [Theory]
    [InlineData("""{ "column": "deleted", "values": [], "action": "delete" }""", "softDelete on 'deleted' needs at least one value that means deleted")]
    [InlineData("""{ "column": " ", "values": ["1"], "action": "delete" }""", "softDelete needs the column that marks a deleted row")]
    [InlineData("""{ "column": "deleted", "values": ["1"], "action": "purge" }""", "softDelete action 'purge' is not one of delete, status")]
    [InlineData("""{ "column": "deleted", "values": ["1"], "action": "status" }""", "action 'status' needs the path of the element to set and its value")]
    [InlineData("""{ "column": "deleted", "values": ["1"], "action": "delete", "path": "active", "value": "false" }""", "action 'delete' takes no path or value")]
    public void RefuseAnIncompleteOrUnknownDeclarationNamingTheResource(string softDelete, string problem)
    {
        var error = Refusal(softDelete);

        Assert.StartsWith("mapping 'inline', resource Patient from people, path 'softDelete': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAStatusElementTheResourceDoesNotHave()
    {
        var error = Refusal("""{ "column": "deleted", "values": ["1"], "action": "status", "path": "status", "value": "inactive" }""");

        Assert.Equal("mapping 'inline', resource Patient from people, softDelete, path 'status': Patient has no element 'status'", error.Message);
    }

    [Fact]
    public void RefuseAStatusValueTheElementCannotHold()
    {
        var error = Refusal("""{ "column": "deleted", "values": ["1"], "action": "status", "path": "active", "value": "no" }""");

        Assert.Contains("softDelete, path 'active'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAFilterThatWouldHideTheDeletedRows()
    {
        var error = Refusal("""{ "column": "deleted", "values": ["1"], "action": "delete" }""", """[ { "column": "Deleted", "op": "equals", "value": "0" } ]""");

        Assert.Contains("a filter on the soft-delete column 'deleted' would hide deleted rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAnUnknownPropertyOfTheDeclaration()
    {
        var error = Refusal("""{ "column": "deleted", "values": ["1"], "action": "delete", "when": "1" }""");

        Assert.Contains("softDelete", error.Message, StringComparison.Ordinal);
        Assert.Contains("when", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("Y", true)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void TellADeletedRowByItsMarkerValue(string? marker, bool deleted)
    {
        var mapper = Patient("""{ "column": "deleted", "values": ["1", "y"], "action": "delete" }""");

        var row = mapper.Row(new Dictionary<string, object?> { ["id"] = 7, ["family_name"] = "Ames", ["deleted"] = marker });

        Assert.Equal(deleted, mapper.DeletesResourceOf(row));
    }

    [Fact]
    public void MatchABooleanMarkerAsOneOrTrue()
    {
        var mapper = Patient("""{ "column": "deleted", "values": ["true"], "action": "delete" }""");

        Assert.True(mapper.DeletesResourceOf(mapper.Row(new Dictionary<string, object?> { ["id"] = 7, ["deleted"] = true })));
        Assert.False(mapper.DeletesResourceOf(mapper.Row(new Dictionary<string, object?> { ["id"] = 7, ["deleted"] = false })));
    }

    [Fact]
    public void WriteTheStatusElementOnlyOnDeletedRows()
    {
        var mapper = Patient("""{ "column": "state", "values": ["gone"], "action": "status", "path": "active", "value": "false" }""");

        var gone = (Hl7.Fhir.Model.Patient)mapper.Map(mapper.Row(new Dictionary<string, object?> { ["id"] = 7, ["family_name"] = "Ames", ["state"] = "gone" })).Resource;
        var live = (Hl7.Fhir.Model.Patient)mapper.Map(mapper.Row(new Dictionary<string, object?> { ["id"] = 8, ["family_name"] = "Brook", ["state"] = "here" })).Resource;

        Assert.Equal((false, "Ames"), (gone.Active, gone.Name[0].Family));
        Assert.Null(live.Active);
        Assert.False(mapper.DeletesResourceOf(mapper.Row(new Dictionary<string, object?> { ["id"] = 7, ["state"] = "gone" })));
    }
}
