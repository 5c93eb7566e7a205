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
        Assert.Contains("Patient.gender", error.Rule, StringComparison.Ordinal);
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
}
