using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>
/// Small tenants for the monitoring tests: each its own database and login with a <c>people</c> table (three rows,
/// 'Ames', 'Brook' and 'Cole', plus any asked for), writing NDJSON, on a fresh control database.
/// </summary>
internal sealed class MonitoredTenants : IAsyncDisposable
{
    private readonly TenantSourceDatabases _sources;

    private MonitoredTenants(TenantSourceDatabases sources, Dictionary<string, string?> settings, IReadOnlyList<string> ids, string outputRoot)
    {
        _sources = sources;
        Settings = settings;
        Ids = ids;
        OutputRoot = outputRoot;
    }

    /// <summary>The family names the source rows hold: PHI as far as these tests care, never to be logged.</summary>
    public static readonly IReadOnlyList<string> FamilyNames = ["Ames", "Brook", "Cole"];

    public Dictionary<string, string?> Settings { get; }

    public IReadOnlyList<string> Ids { get; }

    public string OutputRoot { get; }

    /// <summary>One tenant per entry of <paramref name="extraRows"/>: the rows it has beyond the three, so tenants' figures differ.</summary>
    public static async Task<MonitoredTenants> CreateAsync(ServicesFixture services, string purpose, params int[] extraRows)
    {
        var sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, purpose, extraRows.Length);
        var outputRoot = Directory.CreateTempSubdirectory($"fhirsync-{purpose}-").FullName;
        var settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync($"fhirsync_{purpose}"), outputRoot);
        var onboarding = await TestWorker.OnboardingAsync(settings);
        var ids = new List<string>();
        for (var i = 0; i < extraRows.Length; i++)
        {
            var id = $"{purpose}-{i}";
            if (extraRows[i] > 0)
                await services.MariaDb.ExecuteAsync($"INSERT INTO `{sources[i].Database}`.people SELECT seq, CONCAT('Family', seq) FROM `{sources[i].Database}`.seq_4_to_{3 + extraRows[i]}");
            await onboarding.AddAsync(new()
            {
                TenantId = id, DisplayName = id, MappingDocument = TenantSourceDatabases.PeopleMapping,
                SourceConnectionString = sources[i].ConnectionString, Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
            }, CancellationToken.None);
            ids.Add(id);
        }

        return new MonitoredTenants(sources, settings, ids, outputRoot);
    }

    /// <summary>Asks for a sync of <paramref name="tenant"/> as any .NET system would, and waits for it to complete.</summary>
    public static async Task<SyncCompleted> SyncAsync(BusEventRecorder events, string tenant) => await CompletedAsync(events, await RequestAsync(events, tenant));

    /// <summary>Publishes a sync request for <paramref name="tenant"/>, in whatever activity is current; returns its run id.</summary>
    public static async Task<Guid> RequestAsync(BusEventRecorder events, string tenant)
    {
        var runId = Guid.NewGuid();
        await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = "monitoring-test" });
        return runId;
    }

    public static async Task<SyncCompleted> CompletedAsync(BusEventRecorder events, Guid runId)
    {
        await events.WaitForAsync(e => e.Completed.Any(c => c.RunId == runId), TimeSpan.FromSeconds(30), $"run {runId} completing");
        return events.Completed.Single(c => c.RunId == runId);
    }

    public async ValueTask DisposeAsync()
    {
        await _sources.DisposeAsync();
        Directory.Delete(OutputRoot, recursive: true);
    }
}
