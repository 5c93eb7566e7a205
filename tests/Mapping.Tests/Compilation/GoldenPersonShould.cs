using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FhirSync.Mapping.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirSync.Mapping.Tests.Compilation;

/// <summary>
/// One person (María García López, born 1990-07-25, female, one home address in Madrid, one heart rate of 72/min,
/// type 2 diabetes on her problem list since 2015-03-01) written the way each demo tenant's schema writes her, mapped
/// with that tenant's shipped mapping: after removing what is tenant-specific by design, the three FHIR documents must
/// be identical, and equal to the golden document below.
/// </summary>
/// <remarks>
/// <para>Removed everywhere: <c>id</c> and <c>identifier</c> (tenant-salted id, tenant-scoped identifier system and
/// source key) and the value of every <c>reference</c> (it embeds the referenced resource's salted id). The reference
/// elements themselves stay, so a missing subject, encounter or managing organization still fails.</para>
/// <para>Time zones: hospital-a declares America/New_York, clinic-b Europe/London and salud-c Europe/Madrid, and each
/// stores local wall-clock time without an offset. The same instant, 2025-07-04T08:30:00Z, is therefore 04:30 in
/// hospital-a's rows, 09:30 in clinic-b's and 10:30 in salud-c's, and the mappings write it as 04:30-04:00,
/// 09:30+01:00 and 10:30+02:00: different text, one instant. No instant has the same offset in all three zones, so
/// date-times with a time and an offset are compared after normalising them to UTC. Date-only values (birthDate, a
/// condition's onset) carry no zone and are compared as they are.</para>
/// </remarks>
public sealed class GoldenPersonShould
{
    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Tenants = ["hospital-a", "clinic-b", "salud-c"];

    [Fact]
    public void MapThePatientIdenticallyFromTheThreeSchemas()
    {
        var documents = Tenants.ToDictionary(tenant => tenant, tenant => Comparable(MapPatient(tenant)));

        AssertAllEqual(documents, """
            {
              "resourceType": "Patient",
              "name": [ { "family": "García López", "given": [ "María" ] } ],
              "gender": "female",
              "birthDate": "1990-07-25",
              "managingOrganization": {}
            }
            """);
    }

    [Fact]
    public void MapTheHeartRateIdenticallyFromTheThreeSchemasAtTheSameInstant()
    {
        var observations = Tenants.ToDictionary(tenant => tenant, MapObservation);

        // Before normalising: each tenant's own offset for the same instant (EDT, BST, CEST).
        Assert.Equal(
            ["2025-07-04T04:30:00-04:00", "2025-07-04T09:30:00+01:00", "2025-07-04T10:30:00+02:00"],
            Tenants.Select(tenant => Assert.IsType<FhirDateTime>(((Observation)observations[tenant]).Effective).Value));
        AssertAllEqual(observations.ToDictionary(pair => pair.Key, pair => Comparable(pair.Value)), """
            {
              "resourceType": "Observation",
              "status": "final",
              "code": { "coding": [ { "system": "http://loinc.org", "code": "8867-4" } ] },
              "subject": {},
              "encounter": {},
              "effectiveDateTime": "2025-07-04T08:30:00Z",
              "valueQuantity": { "value": 72.00, "unit": "/min", "system": "http://unitsofmeasure.org", "code": "/min" }
            }
            """);
    }

    [Fact]
    public void MapTheProblemListConditionIdenticallyFromTheThreeSchemas()
    {
        var documents = Tenants.ToDictionary(tenant => tenant, tenant => Comparable(MapCondition(tenant)));

        AssertAllEqual(documents, """
            {
              "resourceType": "Condition",
              "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" } ] },
              "verificationStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed" } ] },
              "category": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" } ] } ],
              "code": { "coding": [ { "system": "http://hl7.org/fhir/sid/icd-10", "code": "E11.9" } ] },
              "subject": {},
              "onsetDateTime": "2015-03-01",
              "recordedDate": "2025-07-04T08:45:00Z"
            }
            """);
    }

    private static Resource MapPatient(string tenant)
    {
        var mapper = DemoMappings.Compile(tenant).Mapper("Patient");
        return tenant switch
        {
            "hospital-a" => mapper.Map(mapper.Row(new Dictionary<string, object?>
            {
                ["patient_id"] = 1001, ["patient_name"] = "María", ["patient_surname"] = "García López",
                ["birth_date"] = new DateTime(1990, 7, 25), ["gender"] = "female",
                ["phone"] = "+1-555-0199", ["email"] = "maria.garcia@example.org",
                ["organization_id"] = 1, ["updated_at"] = new DateTime(2025, 7, 5, 1, 0, 0),
            })).Resource,
            "clinic-b" => mapper.Map(mapper.Row(new Dictionary<string, object?>
            {
                ["PAT_NO"] = "B000777", ["full_name"] = "García López, María", ["DOB"] = "19900725", ["SEX"] = "female",
                ["REG_ORG"] = "CB01", ["LAST_MOD"] = new DateTime(2025, 7, 5, 2, 0, 0),
            })).Resource,
            "salud-c" => MapSaludCPatient(mapper),
            _ => throw new ArgumentOutOfRangeException(nameof(tenant)),
        };
    }

    private static Patient MapSaludCPatient(CompiledResourceMapper mapper)
    {
        var row = mapper.Row(new Dictionary<string, object?>
        {
            ["id_paciente"] = 777, ["nombre_paciente"] = "María", ["apellidos"] = "García López",
            ["fecha_nacimiento"] = new DateTime(1990, 7, 25), ["sexo"] = "M", ["id_centro"] = 3,
            ["fecha_modificacion"] = new DateTime(2025, 7, 5, 3, 0, 0),
        });
        IReadOnlyList<object?[]> addresses =
        [
            mapper.Children[0].Row(new Dictionary<string, object?>
            {
                ["id_paciente"] = 777, ["orden"] = 1, ["tipo"] = "casa", ["calle"] = "Calle Mayor 1", ["ciudad"] = "Madrid", ["codigo_postal"] = "28013",
            }),
        ];
        var patient = (Patient)mapper.Map(row, [addresses]).Resource;

        // The address is mapped (and checked here) but left out of the comparison: only salud-c's schema has one.
        var home = Assert.Single(patient.Address);
        Assert.Equal((Address.AddressUse.Home, "Calle Mayor 1", "Madrid", "28013", "ES"), (home.Use, home.Line.Single(), home.City, home.PostalCode, home.Country));
        return patient;
    }

    private static Resource MapObservation(string tenant)
    {
        var mapper = DemoMappings.Compile(tenant).Mapper("Observation");
        // The same instant, 2025-07-04T08:30:00Z, as each tenant's local wall-clock time (see the remarks above).
        var values = tenant switch
        {
            "hospital-a" => new Dictionary<string, object?>
            {
                ["observation_id"] = 50001L, ["patient_id"] = 1001, ["encounter_id"] = 9001, ["loinc_code"] = "8867-4",
                ["display_name"] = "Heart rate", ["value_numeric"] = 72.00m, ["unit"] = "/min",
                ["observed_at"] = new DateTime(2025, 7, 4, 4, 30, 0), ["updated_at"] = new DateTime(2025, 7, 5, 1, 0, 0, 500),
            },
            "clinic-b" => new Dictionary<string, object?>
            {
                ["RES_ID"] = 50001, ["PAT_NO"] = "B000777", ["VISIT_NO"] = "V0009001", ["TEST_CD"] = "8867-4", ["TEST_NM"] = "HEART RATE",
                ["RES_VAL"] = "72.00", ["RES_UNIT"] = "/min", ["RES_DT"] = "20250704093000", ["LAST_MOD"] = new DateTime(2025, 7, 5, 2, 0, 0),
            },
            "salud-c" => new Dictionary<string, object?>
            {
                ["id_observacion"] = 50001, ["id_paciente"] = 777, ["id_visita"] = 9001, ["codigo_loinc"] = "8867-4",
                ["descripcion"] = "Frecuencia cardiaca", ["valor"] = 72.00m, ["unidad"] = "/min",
                ["fecha_observacion"] = new DateTime(2025, 7, 4, 10, 30, 0), ["fecha_modificacion"] = new DateTime(2025, 7, 5, 3, 0, 0),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(tenant)),
        };
        return mapper.Map(mapper.Row(values)).Resource;
    }

    private static Resource MapCondition(string tenant)
    {
        var mapper = DemoMappings.Compile(tenant).Mapper("Condition");
        // Recorded at 2025-07-04T08:45:00Z, in each tenant's local time; no encounter (a problem-list entry).
        var values = tenant switch
        {
            "hospital-a" => new Dictionary<string, object?>
            {
                ["condition_id"] = 7001, ["patient_id"] = 1001, ["encounter_id"] = null, ["icd10_code"] = "E11.9",
                ["description"] = "Type 2 diabetes mellitus without complications", ["category"] = "problem-list-item",
                ["clinical_status"] = "active", ["verification_status"] = "confirmed", ["onset_date"] = new DateTime(2015, 3, 1),
                ["abatement_date"] = null, ["recorded_at"] = new DateTime(2025, 7, 4, 4, 45, 0), ["updated_at"] = new DateTime(2025, 7, 5, 2, 15, 0),
            },
            "clinic-b" => new Dictionary<string, object?>
            {
                ["DIAG_ID"] = 7001, ["PAT_NO"] = "B000777", ["VISIT_NO"] = null, ["ICD_CD"] = "E119", ["DIAG_DESC"] = "TYPE 2 DIABETES",
                ["DIAG_TYP"] = "P", ["STS_CD"] = "A", ["CONF_FLG"] = "Y", ["ONSET_DT"] = "20150301", ["RSLV_DT"] = "",
                ["ENT_DT"] = "20250704094500", ["LAST_MOD"] = new DateTime(2025, 7, 5, 3, 0, 0),
            },
            "salud-c" => new Dictionary<string, object?>
            {
                ["id_diagnostico"] = 7001, ["id_paciente"] = 777, ["id_visita"] = null, ["codigo_cie10"] = "E11.9",
                ["descripcion"] = "Diabetes mellitus tipo 2 sin complicaciones", ["tipo"] = "problema", ["estado"] = "activo",
                ["certeza"] = "confirmado", ["fecha_inicio"] = new DateTime(2015, 3, 1), ["fecha_resolucion"] = null,
                ["fecha_registro"] = new DateTime(2025, 7, 4, 10, 45, 0), ["fecha_modificacion"] = new DateTime(2025, 7, 5, 5, 0, 0),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(tenant)),
        };
        return mapper.Map(mapper.Row(values)).Resource;
    }

    /// <summary>The resource as Firely serializes it, without what is tenant-specific by design (see the remarks).</summary>
    private static JsonObject Comparable(Resource resource)
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(resource, resource.GetType(), FhirJson))!.AsObject();
        json.Remove("id");
        json.Remove("identifier");
        RemoveReferenceValues(json);
        NormaliseInstantsToUtc(json);
        switch (resource)
        {
            case Patient:
                // Only hospital-a's schema has phone and email columns, and only salud-c's has addresses.
                json.Remove("telecom");
                json.Remove("address");
                break;
            case Observation or Condition:
                // The code's words are each source's own free text, copied as they are: 'Heart rate', 'HEART RATE' and
                // 'Frecuencia cardiaca'; hospital-a's is the code system's display, clinic-b's and salud-c's diagnosis
                // descriptions are the code's text. The system and code are compared.
                var code = json["code"]!.AsObject();
                code.Remove("text");
                foreach (var coding in code["coding"]!.AsArray()) coding!.AsObject().Remove("display");
                break;
        }

        return json;
    }

    private static void RemoveReferenceValues(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["reference"] is JsonValue) obj.Remove("reference");
                foreach (var (_, child) in obj) RemoveReferenceValues(child);
                break;
            case JsonArray array:
                foreach (var child in array) RemoveReferenceValues(child);
                break;
        }
    }

    private static void NormaliseInstantsToUtc(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(pair => pair.Key).ToList())
                {
                    if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && IsDateTimeWithOffset(text))
                        obj[name] = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    else NormaliseInstantsToUtc(obj[name]);
                }

                break;
            case JsonArray array:
                foreach (var child in array) NormaliseInstantsToUtc(child);
                break;
        }
    }

    private static bool IsDateTimeWithOffset(string text) =>
        text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:ssZ"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static void AssertAllEqual(Dictionary<string, JsonObject> documents, string golden)
    {
        var expected = JsonNode.Parse(golden)!.ToJsonString(Readable);
        foreach (var tenant in Tenants) Assert.Equal($"{tenant}: {expected}", $"{tenant}: {documents[tenant].ToJsonString(Readable)}");
    }
}
