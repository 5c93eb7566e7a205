using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Identity;
using FhirSync.Publisher.Messaging;
using FhirSync.Publisher.Onboarding;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.EndToEnd;

/// <summary>
/// The whole flow on real services: Quartz fires each demo tenant's job, SyncRequested crosses RabbitMQ, the worker
/// reads each tenant through its own login, maps, and writes to that tenant's own sink: NDJSON for hospital-a and a
/// FHIR server (Medplum's router) of its own for clinic-b and for salud-c.
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
            var run = Assert.Single(events.Completed, c => c.TenantId == tenant.Id);
            Assert.Equal([("Patient", tenant.Patients, tenant.Patients, 0L), ("Observation", tenant.Observations, tenant.Observations, 0L)],
                run.Resources.Select(r => (r.ResourceType, r.RowsRead, r.ResourcesWritten, r.RowsRejected)));
        }

        var registry = worker.Services.GetRequiredService<TenantRegistry>();
        await AssertHospitalAInNdjson(await IdentityOf(registry, DemoTenant.HospitalA));
        await AssertClinicBInItsFhirStore(await IdentityOf(registry, DemoTenant.ClinicB));
        await AssertSaludCInItsFhirStore(await IdentityOf(registry, DemoTenant.SaludC));
        var firstNdjson = await File.ReadAllTextAsync(Path.Combine(_outputRoot, "hospital-a", "Patient.ndjson"));

        // Synced again on demand, as another system would ask: the same resources are rewritten, none are added.
        await using var client = await SyncRequestClient.ConnectAsync(services.RabbitMq.BrokerUrl, _ => { }, CancellationToken.None);
        var again = await System.Threading.Tasks.Task.WhenAll(
            await System.Threading.Tasks.Task.WhenAll(DemoTenant.All.Select(t => client.RequestAsync(t.Id, "test", TimeProvider.System, CancellationToken.None))))
            .WaitAsync(RunTimeout);
        Assert.All(again, outcome => Assert.NotNull(outcome.Completed));
        Assert.Equal(firstNdjson, await File.ReadAllTextAsync(Path.Combine(_outputRoot, "hospital-a", "Patient.ndjson")));
        await AssertStoreHoldsOnly(_clinicStore, DemoTenant.ClinicB);
        await AssertStoreHoldsOnly(_saludStore, DemoTenant.SaludC);
    }

    private async System.Threading.Tasks.Task AssertHospitalAInNdjson(TenantResourceIdentity identity)
    {
        Assert.Equal(["hospital-a"], Directory.GetDirectories(_outputRoot).Select(Path.GetFileName));
        var folder = Path.Combine(_outputRoot, "hospital-a");
        Assert.Equal(["Observation.ndjson", "Patient.ndjson"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        var patients = NdjsonReader.Read<Patient>(folder);
        var observations = NdjsonReader.Read<Observation>(folder);
        Assert.Equal(DemoTenant.HospitalA.Patients, patients.Select(p => p.Id).Distinct().Count());
        Assert.Equal(DemoTenant.HospitalA.Observations, observations.Select(o => o.Id).Distinct().Count());
        Assert.All(patients.Concat<Resource>(observations), resource => Assert.StartsWith("urn:fhirsync:hospital-a:", SourceIdentifier(resource).System, StringComparison.Ordinal));

        var alice = Assert.Single(patients, p => p.Id == identity.ResourceId("Patient", "1"));
        Assert.Equal("Walker", alice.Name[0].Family);
        Assert.Equal("Alice", Assert.Single(alice.Name[0].Given));
        Assert.Equal("1980-04-12", alice.BirthDate);
        Assert.Equal(AdministrativeGender.Female, alice.Gender);
        Assert.Equal("+1-555-0100", alice.Telecom.Single(t => t.System == ContactPoint.ContactPointSystem.Phone).Value);
        Assert.Equal(("urn:fhirsync:hospital-a:patients", "1"), (alice.Identifier[0].System, alice.Identifier[0].Value));

        var first = Assert.Single(observations, o => o.Id == identity.ResourceId("Observation", "1"));
        Assert.Equal($"Patient/{alice.Id}", first.Subject!.Reference);
        Assert.Equal(ObservationStatus.Final, first.Status);
        Assert.Equal("http://loinc.org", first.Code.Coding[0].System);
        Assert.All(observations, o => Assert.Contains(o.Subject!.Reference!["Patient/".Length..], patients.Select(p => p.Id)));
    }

    private async System.Threading.Tasks.Task AssertClinicBInItsFhirStore(TenantResourceIdentity identity)
    {
        await AssertStoreHoldsOnly(_clinicStore, DemoTenant.ClinicB);
        using var store = new FhirStoreReader(_clinicStore.BaseUrl);
        var kenji = await store.ReadAsync<Patient>(identity.ResourceId("Patient", "B000001"));
        Assert.Equal("Nakamura", kenji.Name[0].Family);
        Assert.Equal("Kenji", Assert.Single(kenji.Name[0].Given));
        Assert.Equal("1975-03-02", kenji.BirthDate);
        Assert.Equal(AdministrativeGender.Male, kenji.Gender);
        Assert.Equal("B000001", kenji.Identifier[0].Value);

        var result = await store.ReadAsync<Observation>(identity.ResourceId("Observation", "1"));
        Assert.Equal($"Patient/{kenji.Id}", result.Subject!.Reference);
        var quantity = Assert.IsType<Quantity>(result.Value);
        Assert.NotNull(quantity.Value);
        Assert.Equal("http://unitsofmeasure.org", quantity.System);
        Assert.NotNull(Assert.IsType<FhirDateTime>(result.Effective).Value);
    }

    private async System.Threading.Tasks.Task AssertSaludCInItsFhirStore(TenantResourceIdentity identity)
    {
        await AssertStoreHoldsOnly(_saludStore, DemoTenant.SaludC);
        using var store = new FhirStoreReader(_saludStore.BaseUrl);
        var maria = await store.ReadAsync<Patient>(identity.ResourceId("Patient", "1"));
        Assert.Equal("María", Assert.Single(maria.Name[0].Given));
        Assert.Equal("García López", maria.Name[0].Family);
        Assert.Equal("1990-07-25", maria.BirthDate);
        Assert.Equal(AdministrativeGender.Female, maria.Gender);
        var home = maria.Address[0];
        Assert.Equal((Address.AddressUse.Home, "Calle Mayor 1", "Madrid", "28013"), (home.Use, home.Line.Single(), home.City, home.PostalCode));

        var patients = await store.SearchAllAsync<Patient>();
        Assert.Equal(266, patients.Sum(p => p.Address.Count));
    }

    /// <summary>The store holds exactly the tenant's resources, each once, and nothing of any other tenant.</summary>
    private static async System.Threading.Tasks.Task AssertStoreHoldsOnly(FhirTestServer server, DemoTenant tenant)
    {
        using var store = new FhirStoreReader(server.BaseUrl);
        var patients = await store.SearchAllAsync<Patient>();
        var observations = await store.SearchAllAsync<Observation>();
        Assert.Equal(tenant.Patients, patients.Count);
        Assert.Equal(tenant.Observations, observations.Count);
        Assert.Equal(tenant.Patients, patients.Select(p => SourceIdentifier(p).Value).Distinct().Count());
        Assert.All(patients.Concat<Resource>(observations), resource => Assert.StartsWith($"urn:fhirsync:{tenant.Id}:", SourceIdentifier(resource).System, StringComparison.Ordinal));
    }

    private static Identifier SourceIdentifier(Resource resource) => resource switch
    {
        Patient patient => patient.Identifier[0],
        Observation observation => observation.Identifier[0],
        _ => throw new ArgumentException(resource.TypeName),
    };

    private static async Task<TenantResourceIdentity> IdentityOf(TenantRegistry registry, DemoTenant tenant)
    {
        var registration = await registry.FindAsync(TenantId.Parse(tenant.Id), CancellationToken.None);
        return new TenantResourceIdentity(tenant.Id, registration!.IdSalt);
    }

    private Task<string> Register(TenantOnboarding onboarding, DemoTenant tenant, SinkSettings sink) =>
        onboarding.AddAsync(new TenantOnboardingRequest
        {
            TenantId = tenant.Id,
            DisplayName = tenant.Id,
            SourceConnectionString = services.MariaDb.LoginTo(tenant.Database, tenant.User, tenant.Password),
            MappingDocument = tenant.MappingDocument,
            Sink = sink,
        }, CancellationToken.None);
}
