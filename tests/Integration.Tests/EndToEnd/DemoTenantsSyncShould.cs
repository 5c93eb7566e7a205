using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Identity;
using FhirSync.Publisher.Messaging;
using FhirSync.Publisher.Onboarding;
using FhirSync.Worker.Sinks;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.EndToEnd;

/// <summary>
/// The whole flow on real services: Quartz fires each demo tenant's job, SyncRequested crosses RabbitMQ, the worker
/// reads each tenant through its own login, maps, and writes to that tenant's own sink: NDJSON for hospital-a and a
/// FHIR server (Medplum's router, which validates every resource) of its own for clinic-b and for salud-c. Each tenant
/// maps eight resource types (Organization, Practitioner, Patient, Encounter, Observation, Condition, Immunization,
/// AllergyIntolerance); every count, every reference and a sample of each tenant's resources are checked.
/// </summary>
[Collection(RealServices.Name)]
public sealed class DemoTenantsSyncShould(ServicesFixture services) : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-e2e-").FullName;
    private FhirTestServer _clinicStore = null!;
    private FhirTestServer _saludStore = null!;
    private Dictionary<string, string?> _settings = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        _clinicStore = await FhirTestServer.StartAsync();
        _saludStore = await FhirTestServer.StartAsync();
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_e2e"), _outputRoot);
        _settings["Scheduling:RequestOnStart"] = "true";

        var onboarding = await TestWorker.OnboardingAsync(_settings);
        await Register(onboarding, DemoTenant.HospitalA, new SinkSettings { Kind = SinkSettings.Ndjson });
        await Register(onboarding, DemoTenant.ClinicB, new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = _clinicStore.BaseUrl, BundleSize = 50 });
        await Register(onboarding, DemoTenant.SaludC, new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = _saludStore.BaseUrl, BundleSize = 100 });
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        await _clinicStore.DisposeAsync();
        await _saludStore.DisposeAsync();
        Directory.Delete(_outputRoot, recursive: true);
    }

    [Fact]
    public async System.Threading.Tasks.Task SyncEveryDemoTenantIntoItsOwnStoreAndRewriteTheSameResourcesWhenSyncedAgain()
    {
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);

        await events.WaitForAsync(e => e.Completed.Count == 3, RunTimeout, "the three scheduled runs");
        Assert.Empty(events.Failed);
        foreach (var tenant in DemoTenant.All)
        {
            // Every source of the tenant, in mapping order: every row read is written, none is rejected.
            var run = Assert.Single(events.Completed, c => c.TenantId == tenant.Id);
            Assert.Equal(tenant.Sources.Select(s => (s.ResourceType, s.Table, (long)s.Rows, (long)s.Rows, 0L)),
                run.Resources.Select(r => (r.ResourceType, r.SourceTable, r.RowsRead, r.ResourcesWritten, r.RowsRejected)));
        }

        var registry = worker.Services.GetRequiredService<TenantRegistry>();
        AssertHospitalAInNdjson(await IdentityOf(registry, DemoTenant.HospitalA));
        await AssertClinicBInItsFhirStore(await IdentityOf(registry, DemoTenant.ClinicB));
        await AssertSaludCInItsFhirStore(await IdentityOf(registry, DemoTenant.SaludC));
        var firstNdjson = await NdjsonFilesAsync(Path.Combine(_outputRoot, "hospital-a"));

        // Fully resynced on demand, as another system would ask: the same resources are rewritten, none are added.
        await using var client = await SyncRequestClient.ConnectAsync(services.RabbitMq.BrokerUrl, _ => { }, CancellationToken.None);
        var again = await System.Threading.Tasks.Task.WhenAll(
            await System.Threading.Tasks.Task.WhenAll(DemoTenant.All.Select(t => client.RequestAsync(t.Id, "test", fullResync: true, TimeProvider.System, CancellationToken.None))))
            .WaitAsync(RunTimeout);
        Assert.All(again, outcome => Assert.NotNull(outcome.Completed));
        Assert.Equal(firstNdjson, await NdjsonFilesAsync(Path.Combine(_outputRoot, "hospital-a")));
        await AssertStoreHoldsOnly(_clinicStore, DemoTenant.ClinicB);
        await AssertStoreHoldsOnly(_saludStore, DemoTenant.SaludC);
    }

    private void AssertHospitalAInNdjson(TenantResourceIdentity identity)
    {
        Assert.Equal(["hospital-a"], NdjsonReader.TenantFolders(_outputRoot));
        var folder = Path.Combine(_outputRoot, "hospital-a");
        Assert.Equal(DemoTenant.ResourceTypes.Select(type => $"{type}.ndjson").Order(StringComparer.Ordinal),
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var resources = ReadNdjson(folder);
        AssertHoldsExactlyTheTenantsResources(DemoTenant.HospitalA, resources);
        var patients = resources["Patient"].Cast<Patient>().ToList();
        var observations = resources["Observation"].Cast<Observation>().ToList();

        var alice = Assert.Single(patients, p => p.Id == identity.ResourceId("Patient", "1"));
        Assert.Equal("Walker", alice.Name[0].Family);
        Assert.Equal("Alice", Assert.Single(alice.Name[0].Given));
        Assert.Equal("1980-04-12", alice.BirthDate);
        Assert.Equal(AdministrativeGender.Female, alice.Gender);
        Assert.Equal("+1-555-0100", alice.Telecom.Single(t => t.System == ContactPoint.ContactPointSystem.Phone).Value);
        Assert.Equal(("urn:fhirsync:hospital-a:patients", "1"), (SourceIdentifier(alice).System, SourceIdentifier(alice).Value));
        var hospital = Single<Organization>(resources, identity.ResourceId("Organization", "1"));
        Assert.Equal("Riverside General Hospital", hospital.Name);
        Assert.Equal($"Organization/{hospital.Id}", alice.ManagingOrganization!.Reference);

        var first = Assert.Single(observations, o => o.Id == identity.ResourceId("Observation", "1"));
        Assert.Equal($"Patient/{alice.Id}", first.Subject!.Reference);
        Assert.Equal(ObservationStatus.Final, first.Status);
        Assert.Equal("http://loinc.org", first.Code.Coding[0].System);
        Assert.All(observations, o => Assert.Contains(o.Subject!.Reference!["Patient/".Length..], patients.Select(p => p.Id)));

        // Encounter 1: alice's check-up consultation at the cardiology clinic (a department of the hospital) with
        // Dr. Kevin Okafor; observation 1 was taken during it.
        var encounter = Single<Encounter>(resources, identity.ResourceId("Encounter", "1"));
        Assert.Equal((Encounter.EncounterStatus.Finished, "http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            (encounter.Status, encounter.Class.System, encounter.Class.Code));
        Assert.Equal(("2024-01-01T07:00:00-05:00", "2024-01-01T09:00:00-05:00"), (encounter.Period!.Start, encounter.Period.End));
        Assert.Equal($"Patient/{alice.Id}", encounter.Subject!.Reference);
        var clinic = Single<Organization>(resources, ReferencedId(encounter.ServiceProvider, "Organization"));
        Assert.Equal((identity.ResourceId("Organization", "3"), "Riverside Cardiology Clinic", $"Organization/{hospital.Id}"),
            (clinic.Id, clinic.Name, clinic.PartOf!.Reference));
        var doctor = Single<Practitioner>(resources, ReferencedId(Assert.Single(encounter.Participant).Individual, "Practitioner"));
        Assert.Equal((identity.ResourceId("Practitioner", "8"), "Okafor", "Kevin"), (doctor.Id, doctor.Name[0].Family, Assert.Single(doctor.Name[0].Given)));
        var npi = Assert.Single(doctor.Identifier, i => i.Use == Identifier.IdentifierUse.Official);
        Assert.Equal(("http://hl7.org/fhir/sid/us-npi", "1000837832"), (npi.System, npi.Value));
        Assert.Equal($"Encounter/{encounter.Id}", first.Encounter!.Reference);
    }

    private async System.Threading.Tasks.Task AssertClinicBInItsFhirStore(TenantResourceIdentity identity)
    {
        var resources = await AssertStoreHoldsOnly(_clinicStore, DemoTenant.ClinicB);
        using var store = new FhirStoreReader(_clinicStore.BaseUrl);
        var kenji = await store.ReadAsync<Patient>(identity.ResourceId("Patient", "B000001"));
        Assert.Equal("Nakamura", kenji.Name[0].Family);
        Assert.Equal("Kenji", Assert.Single(kenji.Name[0].Given));
        Assert.Equal("1975-03-02", kenji.BirthDate);
        Assert.Equal(AdministrativeGender.Male, kenji.Gender);
        Assert.Equal("B000001", SourceIdentifier(kenji).Value);
        Assert.Equal($"Organization/{identity.ResourceId("Organization", "CB01")}", kenji.ManagingOrganization!.Reference);

        var result = await store.ReadAsync<Observation>(identity.ResourceId("Observation", "1"));
        Assert.Equal($"Patient/{kenji.Id}", result.Subject!.Reference);
        var quantity = Assert.IsType<Quantity>(result.Value);
        Assert.NotNull(quantity.Value);
        Assert.Equal("http://unitsofmeasure.org", quantity.System);
        Assert.NotNull(Assert.IsType<FhirDateTime>(result.Effective).Value);

        // Visit V0000001: legacy type 'E' becomes the v3 ActCode EMER; kenji at the minor injuries unit (a department
        // of CB01) with Dr Isla Roberts; result 1 was taken during it.
        var visit = await store.ReadAsync<Encounter>(identity.ResourceId("Encounter", "V0000001"));
        Assert.Equal((Encounter.EncounterStatus.Finished, "http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER"),
            (visit.Status, visit.Class.System, visit.Class.Code));
        Assert.Equal(("2024-01-02T08:00:00+00:00", "2024-01-02T13:00:00+00:00"), (visit.Period!.Start, visit.Period.End));
        Assert.Equal($"Patient/{kenji.Id}", visit.Subject!.Reference);
        var unit = Single<Organization>(resources, ReferencedId(visit.ServiceProvider, "Organization"));
        Assert.Equal((identity.ResourceId("Organization", "CB02"), "CLINIC B MINOR INJURIES UNIT", $"Organization/{identity.ResourceId("Organization", "CB01")}"),
            (unit.Id, unit.Name, unit.PartOf!.Reference));
        var doctor = Single<Practitioner>(resources, ReferencedId(Assert.Single(visit.Participant).Individual, "Practitioner"));
        Assert.Equal((identity.ResourceId("Practitioner", "S0004"), "Roberts", "Isla"), (doctor.Id, doctor.Name[0].Family, Assert.Single(doctor.Name[0].Given)));
        Assert.Equal($"Encounter/{visit.Id}", result.Encounter!.Reference);
    }

    private async System.Threading.Tasks.Task AssertSaludCInItsFhirStore(TenantResourceIdentity identity)
    {
        var resources = await AssertStoreHoldsOnly(_saludStore, DemoTenant.SaludC);
        using var store = new FhirStoreReader(_saludStore.BaseUrl);
        var maria = await store.ReadAsync<Patient>(identity.ResourceId("Patient", "1"));
        Assert.Equal("María", Assert.Single(maria.Name[0].Given));
        Assert.Equal("García López", maria.Name[0].Family);
        Assert.Equal("1990-07-25", maria.BirthDate);
        Assert.Equal(AdministrativeGender.Female, maria.Gender);
        var home = maria.Address[0];
        Assert.Equal((Address.AddressUse.Home, "Calle Mayor 1", "Madrid", "28013"), (home.Use, home.Line.Single(), home.City, home.PostalCode));
        Assert.Equal($"Organization/{identity.ResourceId("Organization", "3")}", maria.ManagingOrganization!.Reference);

        var patients = resources["Patient"].Cast<Patient>().ToList();
        Assert.Equal(266, patients.Sum(p => p.Address.Count));

        // Visita 1: tipo_visita 'hospitalizacion' becomes IMP; maría at the hospital with Fernando Castillo Guerrero;
        // observation 1 was taken during it.
        var visita = await store.ReadAsync<Encounter>(identity.ResourceId("Encounter", "1"));
        Assert.Equal((Encounter.EncounterStatus.Finished, "http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            (visita.Status, visita.Class.System, visita.Class.Code));
        Assert.Equal(("2024-01-03T08:30:00+01:00", "2024-01-06T08:30:00+01:00"), (visita.Period!.Start, visita.Period.End));
        Assert.Equal("Cirugía programada", Assert.Single(visita.ReasonCode).Text);
        Assert.Equal($"Patient/{maria.Id}", visita.Subject!.Reference);
        var hospital = Single<Organization>(resources, ReferencedId(visita.ServiceProvider, "Organization"));
        Assert.Equal((identity.ResourceId("Organization", "1"), "Hospital Universitario Santa Clara"), (hospital.Id, hospital.Name));
        var doctor = Single<Practitioner>(resources, ReferencedId(Assert.Single(visita.Participant).Individual, "Practitioner"));
        Assert.Equal((identity.ResourceId("Practitioner", "12"), "Castillo Guerrero", "Fernando"), (doctor.Id, doctor.Name[0].Family, Assert.Single(doctor.Name[0].Given)));
        var observation = await store.ReadAsync<Observation>(identity.ResourceId("Observation", "1"));
        Assert.Equal($"Encounter/{visita.Id}", observation.Encounter!.Reference);
    }

    /// <summary>The store holds exactly the tenant's resources, each once, and nothing of any other tenant.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<Resource>>> AssertStoreHoldsOnly(FhirTestServer server, DemoTenant tenant)
    {
        using var store = new FhirStoreReader(server.BaseUrl);
        var resources = new Dictionary<string, IReadOnlyList<Resource>>
        {
            ["Organization"] = await store.SearchAllAsync<Organization>(),
            ["Practitioner"] = await store.SearchAllAsync<Practitioner>(),
            ["Patient"] = await store.SearchAllAsync<Patient>(),
            ["Encounter"] = await store.SearchAllAsync<Encounter>(),
            ["Observation"] = await store.SearchAllAsync<Observation>(),
            ["Condition"] = await store.SearchAllAsync<Condition>(),
            ["Immunization"] = await store.SearchAllAsync<Immunization>(),
            ["AllergyIntolerance"] = await store.SearchAllAsync<AllergyIntolerance>(),
        };
        AssertHoldsExactlyTheTenantsResources(tenant, resources);
        return resources;
    }

    private static Dictionary<string, IReadOnlyList<Resource>> ReadNdjson(string folder) => new()
    {
        ["Organization"] = NdjsonReader.Read<Organization>(folder),
        ["Practitioner"] = NdjsonReader.Read<Practitioner>(folder),
        ["Patient"] = NdjsonReader.Read<Patient>(folder),
        ["Encounter"] = NdjsonReader.Read<Encounter>(folder),
        ["Observation"] = NdjsonReader.Read<Observation>(folder),
        ["Condition"] = NdjsonReader.Read<Condition>(folder),
        ["Immunization"] = NdjsonReader.Read<Immunization>(folder),
        ["AllergyIntolerance"] = NdjsonReader.Read<AllergyIntolerance>(folder),
    };

    /// <summary>
    /// Every resource type holds exactly one resource per source row, each with this tenant's identifier for its source
    /// table, and every reference points to a resource this tenant wrote (no dangling and no cross-tenant reference).
    /// </summary>
    private static void AssertHoldsExactlyTheTenantsResources(DemoTenant tenant, IReadOnlyDictionary<string, IReadOnlyList<Resource>> resources)
    {
        Assert.Equal(tenant.Sources.Select(s => (s.ResourceType, s.Rows, s.Rows)),
            tenant.Sources.Select(s => (s.ResourceType, resources[s.ResourceType].Count, resources[s.ResourceType].Select(r => SourceIdentifier(r).Value).Distinct().Count())));
        foreach (var source in tenant.Sources)
            Assert.All(resources[source.ResourceType], r => Assert.Equal($"urn:fhirsync:{tenant.Id}:{source.Table}", SourceIdentifier(r).System));

        var written = resources.Values.SelectMany(list => list).Select(r => $"{r.TypeName}/{r.Id}").ToHashSet(StringComparer.Ordinal);
        var references = resources.Values.SelectMany(list => list).SelectMany(r => References(r).Select(reference => (From: r.TypeName, To: reference))).ToList();
        var dangling = references.Where(r => !written.Contains(r.To)).Select(r => $"{r.From} -> {r.To}").ToList();
        Assert.True(dangling.Count == 0, $"{dangling.Count} references to resources this tenant did not write, e.g. {dangling.FirstOrDefault()}");
        // Patient, Encounter, Observation and the clinical resources all point somewhere: references are really there.
        Assert.Equal(["AllergyIntolerance", "Condition", "Encounter", "Immunization", "Observation", "Organization", "Patient"],
            references.Select(r => r.From).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Every <c>reference</c> value anywhere in the resource.</summary>
    private static List<string> References(Resource resource)
    {
        using var document = JsonDocument.Parse(FhirJson.SerializeToUtf8(resource));
        var found = new List<string>();
        Collect(document.RootElement);
        return found;

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property is { Name: "reference", Value.ValueKind: JsonValueKind.String }) found.Add(property.Value.GetString()!);
                        else Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) Collect(item);
                    break;
            }
        }
    }

    private static T Single<T>(IReadOnlyDictionary<string, IReadOnlyList<Resource>> resources, string id) where T : Resource =>
        (T)Assert.Single(resources[ModelInfo.GetFhirTypeNameForType(typeof(T))!], r => r.Id == id);

    private static string ReferencedId(ResourceReference? reference, string resourceType)
    {
        Assert.NotNull(reference);
        Assert.StartsWith($"{resourceType}/", reference.Reference, StringComparison.Ordinal);
        return reference.Reference![(resourceType.Length + 1)..];
    }

    /// <summary>The tenant-scoped identifier the engine adds (Practitioners also carry their licence number).</summary>
    private static Identifier SourceIdentifier(Resource resource) => Assert.Single(resource switch
    {
        Organization organization => organization.Identifier,
        Practitioner practitioner => practitioner.Identifier,
        Patient patient => patient.Identifier,
        Encounter encounter => encounter.Identifier,
        Observation observation => observation.Identifier,
        Condition condition => condition.Identifier,
        Immunization immunization => immunization.Identifier,
        AllergyIntolerance allergy => allergy.Identifier,
        _ => throw new ArgumentException(resource.TypeName),
    }, identifier => identifier.System?.StartsWith("urn:fhirsync:", StringComparison.Ordinal) == true);

    /// <summary>Every NDJSON file of a folder, by name, as text.</summary>
    private static async Task<IReadOnlyList<(string File, string Text)>> NdjsonFilesAsync(string folder)
    {
        var files = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal)) files.Add((Path.GetFileName(file), await File.ReadAllTextAsync(file)));
        return files;
    }

    private static async Task<TenantResourceIdentity> IdentityOf(TenantRegistry registry, DemoTenant tenant)
    {
        var registration = await registry.FindAsync(TenantId.Parse(tenant.Id), CancellationToken.None);
        return new TenantResourceIdentity(tenant.Id, registration!.IdSalt);
    }

    private Task<TenantOnboardingResult> Register(TenantOnboarding onboarding, DemoTenant tenant, SinkSettings sink) =>
        onboarding.AddAsync(new TenantOnboardingRequest
        {
            TenantId = tenant.Id,
            DisplayName = tenant.Id,
            SourceConnectionString = services.MariaDb.LoginTo(tenant.Database, tenant.User, tenant.Password),
            MappingDocument = tenant.MappingDocument,
            Sink = sink,
        }, CancellationToken.None);
}
