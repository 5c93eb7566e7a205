using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Watermarks;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Incremental sync on real services: each run resumes after the last row its sink acknowledged (change-tracking
/// column, then key, so rows changed at the same moment are neither skipped nor repeated across pages), a run cut
/// short resumes where its sink stopped acknowledging, and a watermark that no longer fits its table stops the run
/// with a way out instead of a silent restart.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IncrementalSyncShould(ServicesFixture services) : IAsyncLifetime
{
    private const int Rows = 2000;
    private const string Mapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "changeTracking": ["updated_at"],
          "elements": [ { "path": "name[0].family", "column": "family_name" } ] } ] }
        """;

    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-incremental-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "incr", 1);
        // Three rows share each updated_at, so ties straddle the 100-row page boundaries.
        await AsAdminAsync($"""
            ALTER TABLE people ADD COLUMN updated_at DATETIME(6) NOT NULL DEFAULT '2026-01-01', ADD KEY ix_people_updated (updated_at, id);
            DELETE FROM people;
            INSERT INTO people (id, family_name, updated_at)
              SELECT seq, CONCAT('Family', seq), TIMESTAMP('2026-01-01') + INTERVAL (seq DIV 3) SECOND FROM seq_1_to_{Rows};
            """);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_incremental"), _outputRoot);
        // These tests are about watermarks: a run right after a store came back must run, not meet the sink breaker
        // that its earlier timeouts opened (DeferredSyncsShould covers that).
        _settings["Breakers:MinimumThroughput"] = "1000";
        _settings["Extraction:PageSize"] = "100";
        _settings["Sinks:FhirRequestTimeoutSeconds"] = "2";
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task ReadOnlyRowsChangedSinceTheLastRunAndMergeThemIntoTheTenantsFiles()
    {
        await RegisterAsync(new SinkSettings { Kind = SinkSettings.Ndjson });
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        var patients = Path.Combine(_outputRoot, "incr", "Patient.ndjson");

        Assert.Equal(Rows, (await SyncAsync(events)).RowsRead);
        var first = await File.ReadAllLinesAsync(patients);

        // Five changed rows, two of them tied at one new moment, and two new rows.
        await AsAdminAsync("""
            UPDATE people SET family_name = CONCAT('Changed', id), updated_at = '2026-06-01' WHERE id IN (7, 8, 150, 1999, 2000);
            INSERT INTO people (id, family_name, updated_at) VALUES (2001, 'New2001', '2026-06-01'), (2002, 'New2002', '2026-06-02');
            """);
        Assert.Equal(7, (await SyncAsync(events)).RowsRead);
        var second = await File.ReadAllLinesAsync(patients);

        Assert.Equal(Rows + 2, second.Length);
        Assert.Equal(first.Length, second.Zip(first).Count(pair => pair.First == pair.Second) + 5); // five lines replaced in place
        Assert.Equal(5, second.Count(line => line.Contains("\"Changed", StringComparison.Ordinal)));
        Assert.Contains("New2002", second[^1], StringComparison.Ordinal);

        Assert.Equal(0, (await SyncAsync(events)).RowsRead);
        Assert.Equal(second, await File.ReadAllLinesAsync(patients));
    }

    [Fact]
    public async Task ResumeAfterTheLastPageTheStoreAcknowledgedWhenARunIsCutShort()
    {
        await using var store = await FhirTestServer.StartAsync();
        await RegisterAsync(new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = store.BaseUrl, BundleSize = 100 });
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        var watermarks = worker.Services.GetRequiredService<WatermarkStore>();

        // The store hangs as soon as it has acknowledged a first page; the run times out and fails.
        await events.Bus.Publish(Request());
        while ((await watermarks.ListAsync(TenantId.Parse("incr"), CancellationToken.None)).Count == 0) await Task.Delay(5);
        await store.PauseAsync();
        await events.WaitForAsync(e => e.Failed.Any(f => !f.WillRetry), TimeSpan.FromMinutes(1), "the cut-short run failing");
        await store.ResumeAsync();
        var acknowledged = (await watermarks.ListAsync(TenantId.Parse("incr"), CancellationToken.None)).Single();
        Assert.Equal("sink", events.Failed.Last().Stage);

        var resumed = await SyncAsync(events);

        using var reader = new FhirStoreReader(store.BaseUrl);
        var stored = await reader.SearchAllAsync<Hl7.Fhir.Model.Patient>();
        Assert.Equal(Rows, stored.Count);
        Assert.Equal(Rows, stored.Select(p => p.Id).Distinct().Count());
        Assert.InRange(resumed.RowsRead, 1, Rows - 100); // it did not start over...
        Assert.Equal(Rows, resumed.RowsRead + AcknowledgedRows(acknowledged)); // ...and skipped exactly what the store had acknowledged
    }

    [Fact]
    public async Task StopATruncatedTablesRunAndReadItAllAgainOnlyAfterAReset()
    {
        await RegisterAsync(new SinkSettings { Kind = SinkSettings.Ndjson });
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        await SyncAsync(events);
        await AsAdminAsync("TRUNCATE TABLE people;");

        var failed = await FailingSyncAsync(events);

        Assert.Equal("source", failed.Stage);
        Assert.Contains("the watermark of tenant 'incr' for table 'people' cannot be trusted: the table holds no rows now but held 2000", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("fhirsync watermarks reset --tenant incr --table people", failed.Reason, StringComparison.Ordinal);

        await AsAdminAsync("INSERT INTO people (id, family_name) VALUES (1, 'Restored1'), (2, 'Restored2');");
        Assert.Equal(0, (await PublisherCli.RunAsync(_settings, "watermarks", "reset", "--id", "incr", "--table", "people")).ExitCode);
        Assert.Equal(2, (await SyncAsync(events)).RowsRead);
    }

    [Fact]
    public async Task StopWhenTheWatermarkIsAheadOfEveryRowAndCatchUpOnAFullResync()
    {
        await RegisterAsync(new SinkSettings { Kind = SinkSettings.Ndjson });
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        await SyncAsync(events);
        await AsAdminAsync("UPDATE people SET updated_at = updated_at - INTERVAL 30 DAY;"); // restored from an older copy

        Assert.Contains("it is ahead of every row", (await FailingSyncAsync(events)).Reason, StringComparison.Ordinal);

        Assert.Equal(Rows, (await SyncAsync(events, fullResync: true)).RowsRead);
        Assert.Equal(0, (await SyncAsync(events)).RowsRead);
    }

    private static long AcknowledgedRows(Watermark watermark) => (long)FhirSync.Extraction.SourcePosition.Decode(watermark.Position)[1]!;

    private SyncRequested Request(bool fullResync = false) =>
        new() { TenantId = "incr", RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test", FullResync = fullResync };

    private async Task<ResourceSyncCount> SyncAsync(BusEventRecorder events, bool fullResync = false)
    {
        var request = Request(fullResync);
        await events.Bus.Publish(request);
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == request.RunId), TimeSpan.FromMinutes(1), $"run {request.RunId}");
        return events.Completed.Single(c => c.RunId == request.RunId).Resources.Single();
    }

    private async Task<SyncFailed> FailingSyncAsync(BusEventRecorder events)
    {
        var request = Request();
        await events.Bus.Publish(request);
        await events.WaitForAsync(e => e.Failed.Any(f => f.RunId == request.RunId && !f.WillRetry), TimeSpan.FromMinutes(1), $"run {request.RunId} failing");
        return events.Failed.Single(f => f.RunId == request.RunId && !f.WillRetry);
    }

    private async Task RegisterAsync(SinkSettings sink) =>
        await (await TestWorker.OnboardingAsync(_settings)).AddAsync(new()
        {
            TenantId = "incr", DisplayName = "incremental", Sink = sink, MappingDocument = Mapping, SourceConnectionString = _sources[0].ConnectionString,
        }, CancellationToken.None);

    private Task AsAdminAsync(string sql) => services.MariaDb.ExecuteAsync($"USE `{_sources[0].Database}`; {sql}");
}
