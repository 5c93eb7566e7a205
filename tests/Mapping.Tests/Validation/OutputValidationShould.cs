namespace FhirSync.Mapping.Tests.Validation;

public sealed class OutputValidationShould
{
    [Fact]
    public void RejectACodeOutsideTheRequiredValueSetNamingTheRuleButNotTheValue()
    {
        var mapper = DemoMappings.Compile("hospital-a").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["patient_id"] = 9, ["patient_name"] = "Bo", ["patient_surname"] = "Li", ["gender"] = "hombre", ["updated_at"] = new DateTime(2025, 1, 2),
        });

        var error = Assert.Throws<RowMappingException>(() => mapper.Map(row));

        Assert.Equal(("patients", "9"), (error.Table, error.Key));
        Assert.Contains("'gender'", error.Rule, StringComparison.Ordinal);
        Assert.Contains("PVAL116", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("hombre", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectAResourceMissingARequiredElement()
    {
        var mapping = InlineMappings.Compile("""
            { "formatVersion": 1, "resources": [ { "resourceType": "Observation", "table": "obs", "key": ["id"],
              "elements": [ { "path": "code.text", "column": "name" } ] } ] }
            """);
        var mapper = mapping.Resources[0];

        var error = Assert.Throws<RowMappingException>(() => mapper.Map(mapper.Row(new Dictionary<string, object?> { ["id"] = 1, ["name"] = "HR" })));

        Assert.Contains("Observation.status", error.Rule, StringComparison.Ordinal);
        Assert.Contains("a required element is missing", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void StillRejectABadValueInAShapeThatAlreadyPassed()
    {
        var mapper = DemoMappings.Compile("hospital-a").Mapper("Patient");
        object?[] Row(int id, string gender) => mapper.Row(new Dictionary<string, object?>
        {
            ["patient_id"] = id, ["patient_name"] = "Bo", ["patient_surname"] = "Li", ["gender"] = gender, ["updated_at"] = new DateTime(2025, 1, 2),
        });

        mapper.Map(Row(1, "male"));
        var error = Assert.Throws<RowMappingException>(() => mapper.Map(Row(2, "hombre")));

        Assert.Equal("2", error.Key);
        Assert.Contains("PVAL116", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void StillRejectAMissingRequiredElementWhenOtherShapesPassed()
    {
        var mapping = InlineMappings.Compile("""
            { "formatVersion": 1, "resources": [ { "resourceType": "Observation", "table": "obs", "key": ["id"],
              "elements": [ { "path": "status", "column": "status" }, { "path": "code.text", "column": "name" } ] } ] }
            """);
        var mapper = mapping.Resources[0];
        mapper.Map(mapper.Row(new Dictionary<string, object?> { ["id"] = 1, ["status"] = "final", ["name"] = "HR" }));

        var error = Assert.Throws<RowMappingException>(() => mapper.Map(mapper.Row(new Dictionary<string, object?> { ["id"] = 2, ["status"] = null, ["name"] = "HR" })));

        Assert.Contains("Observation.status", error.Rule, StringComparison.Ordinal);
    }
}
