using FhirSync.ControlPlane.Tenants;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// A transaction the store refuses because of a few resources in it, on the real FHIR test server: Medplum checks
/// invariants that the mapper's Firely validation does not (pat-1: a contact needs details, not only a gender), so
/// those rows pass mapping and are refused downstream. The bundle is split until they are alone, they are reported
/// by table, key and issue code, and everything else is written, once, however often the run is repeated.
/// </summary>
[Collection(RealServices.Name)]
public sealed class BundleSplitShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Tenant = "split";
    private const string Mapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"],
          "elements": [ { "path": "name[0].family", "column": "family_name" }, { "path": "contact[0].gender", "column": "contact_gender" } ] } ] }
        """;

    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-split-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "split", 1);
        // Rows 4 and 9 have a contact with a gender and nothing else: valid to Firely, refused by the store (pat-1).
        await services.MariaDb.ExecuteAsync($"""
            USE `{_sources[0].Database}`;
            ALTER TABLE people ADD COLUMN contact_gender VARCHAR(10) NULL;
            DELETE FROM people;
            INSERT INTO people (id, family_name, contact_gender) SELECT seq, CONCAT('Secretname', seq), IF(seq IN (4, 9), 'male', NULL) FROM seq_1_to_23;
            """);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_split"), _outputRoot);
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task WriteEveryResourceButTheOnesTheStoreRefusesAndReportThoseByKeyAndIssueCode()
    {
        await using var sink = await SinkUnderTest.StartAsync(SinkSettings.Fhir, _outputRoot, Tenant, bundleSize: 10);
        await (await TestWorker.OnboardingAsync(_settings)).AddAsync(new()
        {
            TenantId = Tenant, DisplayName = "split", Sink = sink.Settings, MappingDocument = Mapping, SourceConnectionString = _sources[0].ConnectionString,
        }, CancellationToken.None);
        var logs = new LogCapture();
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings, logs);

        // Twice: a repeated run rewrites the same resources and refuses the same two, never duplicating one.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var count = await SyncAsync(events);
            Assert.Equal((23L, 21L, 2L), (count.RowsRead, count.ResourcesWritten, count.RowsRejected));
            var held = await sink.PatientsByKeyAsync();
            Assert.Equal(Enumerable.Range(1, 23).Where(id => id is not (4 or 9)).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), held.Keys.Order());
        }

        Assert.Contains("the store refused the Patient of people key 4 (400, issue codes: invariant); the rest of its bundle was written", logs.All, StringComparison.Ordinal);
        Assert.Contains("the store refused the Patient of people key 9 (400, issue codes: invariant)", logs.All, StringComparison.Ordinal);
        // Neither the store's diagnostics (which may quote values) nor row values reach the logs.
        Assert.DoesNotContain("pat-1", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretname", logs.All, StringComparison.Ordinal);

        var rejected = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant, "--lineage", "--state", "rejected");
        Assert.Equal(["4", "9"], rejected.Output.Split('\n').Where(line => line.StartsWith("Patient ", StringComparison.Ordinal)).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        var report = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant);
        Assert.Equal(3, report.ExitCode);
        Assert.Contains("partial load: 2 row(s) rejected", report.Output, StringComparison.Ordinal);
    }

    private static async Task<ResourceSyncCount> SyncAsync(BusEventRecorder events)
    {
        var request = new SyncRequested { TenantId = Tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" };
        await events.Bus.Publish(request);
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == request.RunId), TimeSpan.FromMinutes(1), $"run {request.RunId}");
        return events.Completed.Single(c => c.RunId == request.RunId).Resources.Single();
    }
}
