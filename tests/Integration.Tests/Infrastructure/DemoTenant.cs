namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>The demo tenants as demo/sql creates them (see demo/sql/README.md for their first rows).</summary>
internal sealed record DemoTenant(string Id, string Database, string User, string Password, int Patients, int Observations)
{
    public static readonly DemoTenant HospitalA = new("hospital-a", "tenant_hospital_a", "fs_hospital_a", "demo_hospital_a_pw", 300, 3000);
    public static readonly DemoTenant ClinicB = new("clinic-b", "tenant_clinic_b", "fs_clinic_b", "demo_clinic_b_pw", 250, 2500);
    public static readonly DemoTenant SaludC = new("salud-c", "tenant_salud_c", "fs_salud_c", "demo_salud_c_pw", 200, 2000);

    public static readonly IReadOnlyList<DemoTenant> All = [HospitalA, ClinicB, SaludC];

    public string MappingDocument => File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "demo", "mappings", $"{Id}.json"));
}
