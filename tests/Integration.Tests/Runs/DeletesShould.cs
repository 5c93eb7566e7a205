using FhirSync.ControlPlane.Tenants;
using FhirSync.Contracts.V1;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Deletes on real services, into both sinks: rows marked deleted by the mapping's softDelete become deletes (or a
/// status), and a reconciliation deletes what the source lost, reports what the sink lacks, and changes nothing when
/// run again; the report and lineage say so from the CLI.
/// </summary>
[Collection(RealServices.Name)]
public sealed class DeletesShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Tenant = "del";
    private const string DeleteAction = """{ "column": "deleted", "values": ["1"], "action": "delete" }""";
    private const string StatusAction = """{ "column": "deleted", "values": ["1"], "action": "status", "path": "active", "value": "false" }""";

    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-deletes-").FullName;
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "del", 1);
        await AsAdminAsync("ALTER TABLE people ADD COLUMN deleted TINYINT(1) NOT NULL DEFAULT 0, ADD COLUMN updated_at DATETIME(6) NOT NULL DEFAULT '2026-01-01';");
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_deletes"), _outputRoot);
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        await _sources.DisposeAsync();
    }

    public static TheoryData<string, string> SinksAndActions => new()
    {
        { SinkSettings.Ndjson, "delete" }, { SinkSettings.Ndjson, "status" }, { SinkSettings.Fhir, "delete" }, { SinkSettings.Fhir, "status" },
    };

    [Theory]
    [MemberData(nameof(SinksAndActions))]
    public async Task TurnRowsMarkedDeletedIntoDeletesOrAStatusOnFullAndIncrementalRuns(string sinkKind, string action)
    {
        await using var sink = await SinkUnderTest.StartAsync(sinkKind, _outputRoot, Tenant);
        await RegisterAsync(sink, action == "delete" ? DeleteAction : StatusAction);
        await AsAdminAsync("UPDATE people SET deleted = 1 WHERE id = 3;"); // deleted before it ever reached the sink
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);

        var first = await SyncAsync(events);
        Assert.Equal((3L, 2L, 0L, 1L), (first.RowsRead, first.ResourcesWritten, first.RowsRejected, first.ResourcesDeleted));
        await AssertSinkAsync(sink, action, live: ["1", "2"], deleted: ["3"]);

        await AsAdminAsync("UPDATE people SET deleted = 1, updated_at = '2026-06-01' WHERE id = 1;");
        var second = await SyncAsync(events);

        Assert.Equal((1L, 0L, 1L), (second.RowsRead, second.ResourcesWritten, second.ResourcesDeleted)); // incremental: only the marked row
        await AssertSinkAsync(sink, action, live: ["2"], deleted: ["1", "3"]);
    }

    [Theory]
    [InlineData(SinkSettings.Ndjson)]
    [InlineData(SinkSettings.Fhir)]
    public async Task DeleteWhatTheSourceLostAndReportWhatTheSinkLacksWhenReconciling(string sinkKind)
    {
        await using var sink = await SinkUnderTest.StartAsync(sinkKind, _outputRoot, Tenant);
        await RegisterAsync(sink, softDelete: null);
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using var worker = await TestWorker.StartAsync(_settings);
        Assert.Equal(3, (await SyncAsync(events)).ResourcesWritten);
        var written = await sink.PatientsByKeyAsync();

        // Row 2 is deleted for good in the source; the sink loses patient 3 behind FhirSync's back.
        await AsAdminAsync("DELETE FROM people WHERE id = 2;");
        await sink.RemoveAsync(written["3"]);

        var cli = await PublisherCli.RunAsync(_settings, "reconcile", "--tenant", Tenant, "--wait", "--timeout", "60");
        Assert.True(cli.ExitCode == 0, cli.All);
        var reconciled = events.Completed.Last().Resources.Single();
        Assert.Equal((0L, 1L, 1L), (reconciled.RowsRead, reconciled.ResourcesDeleted, reconciled.ResourcesMissing)); // incremental sync read nothing new
        Assert.Equal(["1"], (await sink.PatientsByKeyAsync()).Keys);

        var report = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant);
        Assert.True(report.ExitCode == 3, report.All); // a partial load is never silent
        Assert.Contains("partial load: 0 row(s) rejected, 1 missing from the sink", report.Output, StringComparison.Ordinal);
        var missing = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant, "--lineage", "--state", "missing");
        Assert.Contains($" 3 {written["3"].Id} missing", Squeeze(missing.Output), StringComparison.Ordinal);
        var deleted = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant, "--lineage", "--state", "deleted");
        Assert.Contains($" 2 {written["2"].Id} deleted", Squeeze(deleted.Output), StringComparison.Ordinal);

        // Run again, a reconciliation changes nothing: it deletes nothing more and still reports the same gap.
        var again = await ReconcileAsync(events);
        Assert.Equal((0L, 1L), (again.ResourcesDeleted, again.ResourcesMissing));
        Assert.Equal(["1"], (await sink.PatientsByKeyAsync()).Keys);

        // A full resync restores the missing patient, and the next reconciliation finds the load complete.
        Assert.Equal(2, (await SyncAsync(events, fullResync: true)).ResourcesWritten);
        var last = await ReconcileAsync(events);
        Assert.Equal((0L, 0L), (last.ResourcesDeleted, last.ResourcesMissing));
        Assert.Equal(["1", "3"], (await sink.PatientsByKeyAsync()).Keys.Order());
        var complete = await PublisherCli.RunAsync(_settings, "report", "--id", Tenant);
        Assert.True(complete.ExitCode == 0, complete.All);
        Assert.Contains("complete, every source row is in the sink", complete.Output, StringComparison.Ordinal);
        Assert.Contains("Patient people 2 0 0 0 0 0", Squeeze(complete.Output), StringComparison.Ordinal); // source rows, read, written, rejected, deleted, missing
    }

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");

    private static async Task AssertSinkAsync(SinkUnderTest sink, string action, string[] live, string[] deleted)
    {
        var held = await sink.PatientsByKeyAsync();
        if (action == "delete")
        {
            Assert.Equal(live, held.Keys.Order());
            return;
        }

        Assert.Equal(live.Concat(deleted).Order(), held.Keys.Order());
        Assert.All(live, key => Assert.Null(held[key].Active));
        Assert.All(deleted, key => Assert.False(held[key].Active));
    }

    private async Task<ResourceSyncCount> SyncAsync(BusEventRecorder events, bool fullResync = false)
    {
        var request = new SyncRequested { TenantId = Tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test", FullResync = fullResync };
        await events.Bus.Publish(request);
        return await OutcomeAsync(events, request.RunId);
    }

    private async Task<ResourceSyncCount> ReconcileAsync(BusEventRecorder events)
    {
        var request = new ReconcileRequested { TenantId = Tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" };
        await events.Bus.Publish(request);
        return await OutcomeAsync(events, request.RunId);
    }

    private static async Task<ResourceSyncCount> OutcomeAsync(BusEventRecorder events, Guid runId)
    {
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), TimeSpan.FromMinutes(1), $"run {runId}");
        return events.Completed.Single(c => c.RunId == runId).Resources.Single();
    }

    private async Task RegisterAsync(SinkUnderTest sink, string? softDelete) =>
        await (await TestWorker.OnboardingAsync(_settings)).AddAsync(new()
        {
            TenantId = Tenant, DisplayName = "deletes", Sink = sink.Settings, SourceConnectionString = _sources[0].ConnectionString,
            MappingDocument = $$"""
                { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "changeTracking": ["updated_at"],
                  {{(softDelete is null ? string.Empty : $"\"softDelete\": {softDelete},")}}
                  "elements": [ { "path": "name[0].family", "column": "family_name" } ] } ] }
                """,
        }, CancellationToken.None);

    private Task AsAdminAsync(string sql) => services.MariaDb.ExecuteAsync($"USE `{_sources[0].Database}`; {sql}");
}
