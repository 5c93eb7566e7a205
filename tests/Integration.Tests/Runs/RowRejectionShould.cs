using FhirSync.ControlPlane.Tenants;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Row-level problems on real data: rows a mapping cannot map are reported by key and skipped while the rest of each
/// page is written; a structured filter selects rows in SQL so excluded rows are never read.
/// </summary>
[Collection(RealServices.Name)]
public sealed class RowRejectionShould(ServicesFixture services) : IAsyncLifetime
{
    // hospital-a's gender column also holds 'other' and 'unknown': a map without fallback rejects those rows.
    private const string StrictGender = """{ "path": "gender", "column": "gender", "transform": [ { "op": "map", "values": { "male": "male", "female": "female" } } ] }""";
    private const string BinaryGenderFilter = "\"filter\": [ { \"column\": \"gender\", \"op\": \"in\", \"values\": [\"male\", \"female\"] } ],";
    private const string PatientsTable = "\"table\": \"patients\",";
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-rejects-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_rejects"), _outputRoot);
        var onboarding = await TestWorker.OnboardingAsync(_settings);
        var hospital = DemoTenant.HospitalA;
        var strict = hospital.MappingDocument.Replace("""{ "path": "gender", "column": "gender" }""", StrictGender, StringComparison.Ordinal);
        Assert.NotEqual(hospital.MappingDocument, strict);
        var filtered = strict.Replace(PatientsTable, PatientsTable + " " + BinaryGenderFilter, StringComparison.Ordinal);
        foreach (var (tenant, mapping) in new[] { ("strict-gender", strict), ("filtered-gender", filtered) })
        {
            await onboarding.AddAsync(new()
            {
                TenantId = tenant, DisplayName = tenant, MappingDocument = mapping, Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
                SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
            }, CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SkipAndCountRowsThatCannotBeMappedWhileTheRestOfThePageIsWritten()
    {
        var binary = await CountPatientsAsync("gender IN ('male', 'female')");
        var all = await CountPatientsAsync("TRUE");
        Assert.InRange(binary, 1, all - 1);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);

        foreach (var tenant in new[] { "strict-gender", "filtered-gender" })
            await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
        await events.WaitForAsync(e => e.Completed.Count == 2, TimeSpan.FromMinutes(2), "both runs");

        var strictPatients = events.Completed.Single(c => c.TenantId == "strict-gender").Resources.Single(r => r.ResourceType == "Patient");
        Assert.Equal((all, binary, all - binary), (strictPatients.RowsRead, strictPatients.ResourcesWritten, strictPatients.RowsRejected));
        Assert.Equal(binary, File.ReadLines(Path.Combine(_outputRoot, "strict-gender", "Patient.ndjson")).Count());

        var filteredPatients = events.Completed.Single(c => c.TenantId == "filtered-gender").Resources.Single(r => r.ResourceType == "Patient");
        Assert.Equal((binary, binary, 0L), (filteredPatients.RowsRead, filteredPatients.ResourcesWritten, filteredPatients.RowsRejected));
    }

    private async Task<long> CountPatientsAsync(string condition)
    {
        var hospital = DemoTenant.HospitalA;
        await using var connection = new MySqlConnection(services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password));
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT COUNT(*) FROM patients WHERE {condition}", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
