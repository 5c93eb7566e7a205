using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Tests.Transforms;

public sealed class TransformChainShould
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("S", true)]
    public void ReadLegacyBooleans(string stored, bool expected)
    {
        var mapper = InlineMappings.Patient("""{ "path": "active", "column": "activo", "transform": [ { "op": "boolean" } ] }""");

        Assert.Equal(expected, mapper.MapPatient(("activo", stored)).Active);
    }

    [Fact]
    public void RejectAnUnknownBooleanWordWithoutQuotingIt()
    {
        var mapper = InlineMappings.Patient("""{ "path": "active", "column": "activo", "transform": [ { "op": "boolean" } ] }""");

        var error = Assert.Throws<RowMappingException>(() => mapper.MapPatient(("activo", "quizás")));

        Assert.Contains("boolean transform", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("quizás", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEpochSecondsAsAnInstantInUtc()
    {
        var mapper = InlineMappings.Patient("""{ "path": "deceasedDateTime", "column": "died", "transform": [ { "op": "epochSeconds" } ] }""");

        var patient = mapper.MapPatient(("died", 1_700_000_000L));

        Assert.Equal("2023-11-14T22:13:20+00:00", Assert.IsType<FhirDateTime>(patient.Deceased).Value);
    }

    [Fact]
    public void ReadDayMonthYearDates()
    {
        var mapper = InlineMappings.Patient("""{ "path": "birthDate", "column": "nacido", "transform": [ { "op": "date", "format": "dd/MM/yyyy" } ] }""");

        Assert.Equal("1990-07-25", mapper.MapPatient(("nacido", "25/07/1990")).BirthDate);
    }

    [Fact]
    public void ConcatenateSeveralColumnsSkippingEmptyOnes()
    {
        var mapper = InlineMappings.Patient("""{ "path": "name[0].text", "columns": ["first", "middle", "last"], "transform": [ { "op": "concat", "separator": " " } ] }""");

        Assert.Equal("Ana García", mapper.MapPatient(("first", "Ana "), ("middle", null), ("last", "García")).Name[0].Text);
    }

    [Fact]
    public void MapCodesThroughASharedCodeTable()
    {
        var mapper = InlineMappings.Patient(
            """{ "path": "gender", "column": "sexo", "transform": [ { "op": "map", "table": "sexo" } ] }""",
            """{ "sexo": { "H": "male", "M": "female" } }""");

        Assert.Equal(AdministrativeGender.Male, mapper.MapPatient(("sexo", "H")).Gender);
    }

    [Fact]
    public void RefuseAMapThatNamesAnUndefinedCodeTable()
    {
        var error = Assert.Throws<MappingDefinitionException>(() =>
            InlineMappings.Patient("""{ "path": "gender", "column": "sexo", "transform": [ { "op": "map", "table": "sex" } ] }"""));

        Assert.Contains("code table 'sex'", error.Message, StringComparison.Ordinal);
        Assert.Contains("path 'gender'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyNullIfThenDefault()
    {
        var mapper = InlineMappings.Patient("""{ "path": "gender", "column": "g", "transform": [ { "op": "nullIf", "value": "?" }, { "op": "default", "value": "unknown" } ] }""");

        Assert.Equal(AdministrativeGender.Unknown, mapper.MapPatient(("g", "?")).Gender);
    }

    [Fact]
    public void RefuseColumnsWithoutAFirstConcat()
    {
        var error = Assert.Throws<MappingDefinitionException>(() =>
            InlineMappings.Patient("""{ "path": "name[0].text", "columns": ["a", "b"], "transform": [ { "op": "trim" } ] }"""));

        Assert.Contains("first 'concat' transform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAFilterWithAnUnknownOp()
    {
        var error = Assert.Throws<MappingDefinitionException>(() => InlineMappings.Compile("""
            { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"],
              "filter": [ { "column": "deleted", "op": "like", "value": "%" } ], "elements": [] } ] }
            """));

        Assert.Contains("unknown op 'like'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gender", "boolean", "transform 'boolean' produces a value that a code element cannot hold")]
    [InlineData("name[0].family", "date", "transform 'date' produces a value that a string element cannot hold")]
    [InlineData("birthDate", "decimal", "transform 'decimal' produces a value that a date element cannot hold")]
    public void RefuseATransformWhoseOutputTheElementCannotHold(string path, string op, string expected)
    {
        var error = Assert.Throws<MappingDefinitionException>(() =>
            InlineMappings.Patient($$"""{ "path": "{{path}}", "column": "c", "transform": [ { "op": "{{op}}", "format": "yyyyMMdd" } ] }"""));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Assert.Contains($"path '{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectARepetitionByAValueThatContainsDots()
    {
        var mapper = InlineMappings.Patient("""{ "path": "identifier[system=http://hl7.org/fhir/sid/us-ssn].value", "column": "ssn" }""");

        var patient = mapper.MapPatient(("ssn", "123-45-6789"));

        Assert.Equal(("http://hl7.org/fhir/sid/us-ssn", "123-45-6789"), (patient.Identifier[0].System, patient.Identifier[0].Value));
    }

    [Fact]
    public void WriteNoReferenceForAnEmptyForeignKey()
    {
        var mapping = InlineMappings.Compile("""
            { "formatVersion": 1, "resources": [
              { "resourceType": "Organization", "table": "orgs", "key": ["id"], "elements": [ { "path": "name", "column": "name" } ] },
              { "resourceType": "Patient", "table": "people", "key": ["id"], "elements": [ { "path": "managingOrganization", "reference": { "resourceType": "Organization", "columns": ["org"] } } ] } ] }
            """);
        var patients = mapping.Resources[1];

        var patient = (Patient)patients.Map(patients.Row(new Dictionary<string, object?> { ["id"] = 1, ["org"] = " " })).Resource;

        Assert.Null(patient.ManagingOrganization);
    }
}
