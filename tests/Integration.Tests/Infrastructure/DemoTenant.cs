namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>One mapped source of a demo tenant: the resource type it becomes, its table and its exact row count.</summary>
internal sealed record DemoSource(string ResourceType, string Table, int Rows);

/// <summary>
/// The demo tenants as demo/sql creates them (see demo/sql/README.md for their first rows), with their mapped sources
/// in the order the mapping documents list them (referenced resources first).
/// </summary>
internal sealed record DemoTenant(string Id, string Database, string User, string Password, IReadOnlyList<DemoSource> Sources)
{
    public static readonly DemoTenant HospitalA = new("hospital-a", "tenant_hospital_a", "fs_hospital_a", "demo_hospital_a_pw",
    [
        new("Organization", "organizations", 5),
        new("Practitioner", "practitioners", 60),
        new("Patient", "patients", 300),
        new("Encounter", "encounters", 1500),
        new("Observation", "observations", 3000),
        new("Condition", "conditions", 600),
        new("Immunization", "immunizations", 750),
        new("AllergyIntolerance", "allergies", 250),
    ]);

    public static readonly DemoTenant ClinicB = new("clinic-b", "tenant_clinic_b", "fs_clinic_b", "demo_clinic_b_pw",
    [
        new("Organization", "ORG", 4),
        new("Practitioner", "STAFF", 30),
        new("Patient", "PAT", 250),
        new("Encounter", "VISIT", 1250),
        new("Observation", "LAB_RES", 2500),
        new("Condition", "DIAG", 625),
        new("Immunization", "VACC", 500),
        new("AllergyIntolerance", "ALRG", 220),
    ]);

    public static readonly DemoTenant SaludC = new("salud-c", "tenant_salud_c", "fs_salud_c", "demo_salud_c_pw",
    [
        new("Organization", "centros", 5),
        new("Practitioner", "profesionales", 40),
        new("Patient", "pacientes", 200),
        new("Encounter", "visitas", 1010),
        new("Observation", "observaciones", 2000),
        new("Condition", "diagnosticos", 401),
        new("Immunization", "vacunas", 450),
        new("AllergyIntolerance", "alergias", 190),
    ]);

    public static readonly IReadOnlyList<DemoTenant> All = [HospitalA, ClinicB, SaludC];

    /// <summary>The resource types every demo tenant maps, in mapping order.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes =
        ["Organization", "Practitioner", "Patient", "Encounter", "Observation", "Condition", "Immunization", "AllergyIntolerance"];

    public int Patients => Rows("Patient");

    public int Observations => Rows("Observation");

    /// <summary>The exact number of rows (and so of resources) of <paramref name="resourceType"/>.</summary>
    public int Rows(string resourceType) => Sources.Single(source => source.ResourceType == resourceType).Rows;

    public string MappingDocument => File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "demo", "mappings", $"{Id}.json"));

    /// <summary>The tenant's mapping document cut down to <paramref name="resourceTypes"/> (with every type they reference), for tests that need a short run.</summary>
    public string MappingDocumentOf(params string[] resourceTypes)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(MappingDocument)!;
        var resources = document["resources"]!.AsArray();
        foreach (var resource in resources.Where(r => !resourceTypes.Contains((string?)r!["resourceType"])).ToList()) resources.Remove(resource);
        return document.ToJsonString();
    }
}
