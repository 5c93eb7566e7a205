using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Tests.Compilation;

public sealed class DemoSchemaMappingShould
{
    [Fact]
    public void MapAnEnglishSnakeCasePatientWithPhoneAndEmail()
    {
        var mapper = DemoMappings.Compile("hospital-a").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["patient_id"] = 1, ["patient_name"] = " Alice ", ["patient_surname"] = "Walker",
            ["birth_date"] = new DateTime(1980, 4, 12), ["gender"] = "female",
            ["phone"] = "+1-555-0100", ["email"] = "alice@example.org", ["updated_at"] = new DateTime(2025, 1, 2),
        });

        var patient = (Patient)mapper.Map(row).Resource;

        Assert.Equal("Alice", Assert.Single(patient.Name[0].Given));
        Assert.Equal("Walker", patient.Name[0].Family);
        Assert.Equal("1980-04-12", patient.BirthDate);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal(2, patient.Telecom.Count);
        Assert.Equal(ContactPoint.ContactPointSystem.Phone, patient.Telecom[0].System);
        Assert.Equal("+1-555-0100", patient.Telecom[0].Value);
        Assert.Equal(ContactPoint.ContactPointSystem.Email, patient.Telecom[1].System);
        Assert.Equal("urn:fhirsync:hospital-a:patients", patient.Identifier[0].System);
        Assert.Equal("1", patient.Identifier[0].Value);
    }

    [Fact]
    public void LeaveOutElementsWhoseColumnIsNull()
    {
        var mapper = DemoMappings.Compile("hospital-a").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["patient_id"] = 50, ["patient_name"] = "Bo", ["patient_surname"] = "Li", ["gender"] = "male", ["updated_at"] = new DateTime(2025, 1, 2),
        });

        var patient = (Patient)mapper.Map(row).Resource;

        Assert.Null(patient.BirthDate);
        Assert.Empty(patient.Telecom);
    }

    [Fact]
    public void SplitALegacyLastCommaFirstNameAndParseCompactDates()
    {
        var mapper = DemoMappings.Compile("clinic-b").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["PAT_NO"] = "B000001", ["full_name"] = "Nakamura, Kenji", ["DOB"] = "19750302", ["SEX"] = "male", ["LAST_MOD"] = new DateTime(2025, 1, 2),
        });

        var patient = (Patient)mapper.Map(row).Resource;

        Assert.Equal("Nakamura", patient.Name[0].Family);
        Assert.Equal("Kenji", Assert.Single(patient.Name[0].Given));
        Assert.Equal("1975-03-02", patient.BirthDate);
        Assert.Equal(AdministrativeGender.Male, patient.Gender);
        Assert.Equal("B000001", patient.Identifier[0].Value);
    }

    [Fact]
    public void MapLegacyResultsWithTextValuesAndCompactTimestampsInTheTenantZone()
    {
        var mapping = DemoMappings.Compile("clinic-b");
        var mapper = mapping.Mapper("Observation");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["RES_ID"] = 7, ["PAT_NO"] = "B000001", ["TEST_CD"] = "8867-4", ["TEST_NM"] = "Heart rate", ["RES_VAL"] = "72.50",
            ["RES_UNIT"] = "/min", ["RES_DT"] = "20250704093000", ["LAST_MOD"] = new DateTime(2025, 7, 4),
        });

        var observation = (Observation)mapper.Map(row).Resource;

        var quantity = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal(72.50m, quantity.Value);
        Assert.Equal("/min", quantity.Code);
        Assert.Equal("2025-07-04T09:30:00+01:00", Assert.IsType<FhirDateTime>(observation.Effective).Value);
        var patientId = DemoMappings.IdentityFor("clinic-b").ResourceId("Patient", "B000001");
        Assert.Equal($"Patient/{patientId}", observation.Subject!.Reference);
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("8867-4", observation.Code.Coding[0].Code);
    }

    [Fact]
    public void MapSpanishSexCodesAndFoldAddressRowsInOrder()
    {
        var mapper = DemoMappings.Compile("salud-c").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["id_paciente"] = 1, ["nombre_paciente"] = "María", ["apellidos"] = "García López",
            ["fecha_nacimiento"] = new DateTime(1990, 7, 25), ["sexo"] = "M", ["fecha_modificacion"] = new DateTime(2025, 1, 2),
        });
        var addresses = mapper.Children[0];
        IReadOnlyList<object?[]> childRows =
        [
            addresses.Row(new Dictionary<string, object?> { ["id_paciente"] = 1, ["orden"] = 1, ["tipo"] = "casa", ["calle"] = "Calle Mayor 1", ["ciudad"] = "Madrid", ["codigo_postal"] = "28013" }),
            addresses.Row(new Dictionary<string, object?> { ["id_paciente"] = 1, ["orden"] = 2, ["tipo"] = "trabajo", ["calle"] = "Gran Vía 20", ["ciudad"] = "Madrid", ["codigo_postal"] = "28004" }),
        ];

        var patient = (Patient)mapper.Map(row, [childRows]).Resource;

        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal("García López", patient.Name[0].Family);
        Assert.Equal(2, patient.Address.Count);
        Assert.Equal(Address.AddressUse.Home, patient.Address[0].Use);
        Assert.Equal("Calle Mayor 1", Assert.Single(patient.Address[0].Line));
        Assert.Equal("28013", patient.Address[0].PostalCode);
        Assert.Equal("ES", patient.Address[0].Country);
        Assert.Equal(Address.AddressUse.Work, patient.Address[1].Use);
        Assert.Equal("1", addresses.ParentKeyOf(childRows[0]));
    }

    [Fact]
    public void RejectARowWithAMalformedDateNamingTableKeyAndPathButNotTheValue()
    {
        var mapper = DemoMappings.Compile("clinic-b").Mapper("Patient");
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["PAT_NO"] = "B000009", ["full_name"] = "Doe, Jane", ["DOB"] = "31-02-19X9", ["SEX"] = "female", ["LAST_MOD"] = new DateTime(2025, 1, 2),
        });

        var error = Assert.Throws<RowMappingException>(() => mapper.Map(row));

        Assert.Equal("PAT", error.Table);
        Assert.Equal("B000009", error.Key);
        Assert.Contains("birthDate", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("19X9", error.Message, StringComparison.Ordinal);
    }
}
