using System.Text;
using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Identity;

namespace FhirSync.Integration.Tests.Publisher;

/// <summary>
/// <c>fhirsync mapping validate|preview</c> against demo tenants registered in a fresh control database, reading
/// the demo databases on the real MariaDB through each tenant's own login.
/// </summary>
[Collection(RealServices.Name)]
public sealed class MappingCommandsShould(ServicesFixture services) : IAsyncLifetime
{
    private readonly string _workFolder = Directory.CreateTempSubdirectory("fhirsync-mapping-cli-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_mapping_cli"), Path.Combine(_workFolder, "output"));
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        foreach (var tenant in new[] { DemoTenant.HospitalA, DemoTenant.SaludC })
        {
            await onboarding.AddAsync(new()
            {
                TenantId = tenant.Id, DisplayName = tenant.Id, Sink = new SinkSettings { Kind = SinkSettings.Ndjson }, MappingDocument = tenant.MappingDocument,
                SourceConnectionString = services.MariaDb.LoginTo(tenant.Database, tenant.User, tenant.Password),
            }, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_workFolder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ValidateARegisteredMappingAgainstTheTenantsSchema()
    {
        var run = await PublisherCli.RunAsync(_settings, "mapping", "validate", "--tenant", "salud-c");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("mapping of tenant salud-c is valid: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Patient from pacientes with direcciones_paciente", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain(DemoTenant.SaludC.Password, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailAFileThatNamesAMissingColumnAndLeaveTheRegisteredMapping()
    {
        var file = Path.Combine(_workFolder, "hospital-a-next.json");
        await File.WriteAllTextAsync(file, PatientMapping("""{ "path": "name[0].family", "column": "no_such_column" }"""));

        var run = await PublisherCli.RunAsync(_settings, "mapping", "validate", "--tenant", "hospital-a", "--file", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("error: mapping 'hospital-a-next.json', resource Patient from patients: column 'no_such_column' does not exist in table 'patients' of the tenant's database",
            run.Error.Trim());
        Assert.DoesNotContain(DemoTenant.HospitalA.Password, run.All, StringComparison.Ordinal);
        var registered = await (await TestWorker.RegistryAsync(_settings)).FindAsync(TenantId.Parse("hospital-a"), CancellationToken.None);
        Assert.Equal(DemoTenant.HospitalA.MappingDocument, registered!.MappingDocument);
    }

    [Fact]
    public async Task PreviewTheFirstRowsAsTheResourcesARunWouldWrite()
    {
        var run = await PublisherCli.RunAsync(_settings, "mapping", "preview", "--tenant", "hospital-a", "--count", "2", "--resource", "Patient");

        Assert.Equal(0, run.ExitCode);
        var resources = JsonValues(run.Output);
        Assert.Equal(2, resources.Count);
        Assert.All(resources, r => Assert.Equal("Patient", r.GetProperty("resourceType").GetString()));
        var alice = resources[0];
        Assert.Equal("Walker", alice.GetProperty("name")[0].GetProperty("family").GetString());
        Assert.Equal("Alice", alice.GetProperty("name")[0].GetProperty("given")[0].GetString());
        Assert.Equal("1980-04-12", alice.GetProperty("birthDate").GetString());
        // The id a run would give patient 1: the registered salt is used, not a fresh one.
        var registered = await (await TestWorker.RegistryAsync(_settings)).FindAsync(TenantId.Parse("hospital-a"), CancellationToken.None);
        Assert.Equal(new TenantResourceIdentity("hospital-a", registered!.IdSalt).ResourceId("Patient", "1"), alice.GetProperty("id").GetString());
        Assert.Equal("Patient from patients: 2 rows read, 2 mapped, 0 rejected", run.Error.Trim());
    }

    [Fact]
    public async Task ReportRejectedRowsByTableKeyAndRuleWithoutTheirValues()
    {
        var file = Path.Combine(_workFolder, "hospital-a-rejects.json");
        // Surnames are not numbers, so every row fails this element.
        await File.WriteAllTextAsync(file, PatientMapping("""{ "path": "multipleBirthInteger", "column": "patient_surname", "transform": [{ "op": "decimal" }] }"""));

        var run = await PublisherCli.RunAsync(_settings, "mapping", "preview", "--tenant", "hospital-a", "--file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Collection(lines.Where(l => l.StartsWith("rejected: ", StringComparison.Ordinal)), RejectedKey("1"), RejectedKey("2"), RejectedKey("3"));
        Assert.Equal("Patient from patients: 3 rows read, 0 mapped, 3 rejected", lines[^1]);
        Assert.DoesNotContain("Walker", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAnUnreachableSourceWithoutItsConnectionString()
    {
        const string passwordCanary = "canary-pw-5K8M";
        var registry = await TestWorker.RegistryAsync(_settings);
        var hospital = (await registry.FindAsync(TenantId.Parse("hospital-a"), CancellationToken.None))!;
        await registry.UpsertAsync(hospital with
        {
            EncryptedSourceConnection = TestWorker.Protector(_settings).Protect("hospital-a",
                $"Server=127.0.0.1;Port=1;Database={DemoTenant.HospitalA.Database};User ID={DemoTenant.HospitalA.User};Password={passwordCanary};Connection Timeout=2"),
        }, CancellationToken.None);

        var run = await PublisherCli.RunAsync(_settings, "mapping", "validate", "--tenant", "hospital-a");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: the source database of tenant 'hospital-a' cannot be read: MariaDB error ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(passwordCanary, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Port=1", run.All, StringComparison.Ordinal);
    }

    /// <summary>A Patient-only document for hospital-a's <c>patients</c> table with one element, independent of the demo mapping.</summary>
    private static string PatientMapping(string element) => $$"""
        {
          "formatVersion": 1,
          "timeZone": "America/New_York",
          "resources": [
            { "resourceType": "Patient", "table": "patients", "key": ["patient_id"], "changeTracking": ["updated_at"], "elements": [ {{element}} ] }
          ]
        }
        """;

    private static Action<string> RejectedKey(string key) =>
        line => Assert.StartsWith($"rejected: table patients key {key}: element 'multipleBirthInteger': ", line, StringComparison.Ordinal);

    /// <summary>The preview's stdout: JSON values one after another, as <c>jq</c> reads them.</summary>
    private static List<JsonElement> JsonValues(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<JsonElement>();
        while (reader.Read()) values.Add(JsonElement.ParseValue(ref reader));
        return values;
    }
}
