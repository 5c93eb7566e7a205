using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using Hl7.Fhir.Model;
using MySqlConnector;
using Task = System.Threading.Tasks.Task;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>
/// Tenants for the fault scenarios, each with its own database and login, some reached through a <see cref="TcpRelay"/>
/// so their database alone can fail, with NDJSON or FHIR stores, and worker processes to run them.
/// </summary>
internal sealed class FaultEnvironment : IAsyncDisposable
{
    public const string Table = "people";
    private readonly ServicesFixture _services;
    private readonly List<WorkerProcess> _workers = [];
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Dictionary<string, (TenantSource Source, FhirTestServer? Store)> _tenants = new(StringComparer.Ordinal);

    private FaultEnvironment(ServicesFixture services, Dictionary<string, string?> settings, string outputRoot)
    {
        _services = services;
        Settings = settings;
        OutputRoot = outputRoot;
    }

    public Dictionary<string, string?> Settings { get; }

    public string OutputRoot { get; }

    public IReadOnlyCollection<string> Tenants => _tenants.Keys;

    public static async Task<FaultEnvironment> CreateAsync(ServicesFixture services, string name)
    {
        var outputRoot = Directory.CreateTempSubdirectory($"fhirsync-{name}-").FullName;
        var settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync($"fhirsync_{name}"), outputRoot);
        settings["RabbitMq:DeferralLimit"] = "50";
        settings["RabbitMq:DeferralDelayMs"] = "1000";
        settings["RabbitMq:RetryLimit"] = "1";
        settings["Breakers:BreakDuration"] = "00:00:02";
        settings["Extraction:PageSize"] = "1000";
        settings["Sinks:FhirRequestTimeoutSeconds"] = "3";
        settings["Logging:Json"] = "true";
        settings["Usage:RelayIntervalSeconds"] = "1";
        await services.RabbitMq.PurgeAsync(RabbitMqService.SyncRequestedErrorQueue);
        await services.RabbitMq.PurgeWorkQueuesAsync();
        return new FaultEnvironment(services, settings, outputRoot);
    }

    /// <summary>
    /// Adds tenants with <paramref name="rows"/> rows each; their database through <paramref name="relay"/> when given;
    /// into a FHIR store of their own when asked, reached through <paramref name="storeRelay"/> when given.
    /// </summary>
    public async Task AddTenantsAsync(string prefix, int count, int rows, TcpRelay? relay = null, bool fhirStore = false, Func<FhirTestServer, TcpRelay>? storeRelay = null,
        string scheduleCron = "0 0 2 * * ?", string mapping = TenantSourceDatabases.PeopleMapping)
    {
        var sources = await TenantSourceDatabases.CreateAsync(_services.MariaDb, prefix.Replace("-", "", StringComparison.Ordinal), count);
        _owned.Add(sources);
        var onboarding = await TestWorker.OnboardingAsync(Settings);
        for (var i = 0; i < count; i++)
        {
            var tenant = $"{prefix}-{i}";
            var source = sources[i];
            if (rows > 3) await _services.MariaDb.ExecuteAsync($"INSERT INTO `{source.Database}`.people SELECT seq, CONCAT('Family', seq) FROM `{source.Database}`.seq_4_to_{rows}");
            var store = fhirStore ? await FhirTestServer.StartAsync() : null;
            if (store is not null) _owned.Add(store);
            var connection = relay is null ? source.ConnectionString
                : new MySqlConnectionStringBuilder(source.ConnectionString) { Server = "127.0.0.1", Port = (uint)relay.Port, ConnectionTimeout = 2 }.ConnectionString;
            var storeUrl = store is null ? null : storeRelay is null ? store.BaseUrl
                : new UriBuilder(store.BaseUrl) { Port = storeRelay(store).Port }.Uri;
            await onboarding.AddAsync(new()
            {
                TenantId = tenant, DisplayName = tenant, MappingDocument = mapping, SourceConnectionString = connection, ScheduleCron = scheduleCron,
                Sink = storeUrl is null ? new SinkSettings { Kind = SinkSettings.Ndjson } : new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = storeUrl, BundleSize = 50 },
            }, CancellationToken.None);
            _tenants[tenant] = (source, store);
        }
    }

    public FhirTestServer? StoreOf(string tenant) => _tenants[tenant].Store;

    /// <summary>
    /// Starts a worker process and waits until the work queue has as many consumers as there are live workers. The
    /// management API's counts lag a few seconds, so just after a kill this may return before the new worker consumes;
    /// what is published meanwhile waits in the durable queue.
    /// </summary>
    /// <param name="untilConsuming">False when the work is already queued and the test must watch it from the first moment.</param>
    public async Task<WorkerProcess> StartWorkerAsync(bool untilConsuming = true)
    {
        var worker = WorkerProcess.Start(Settings, Path.Combine(OutputRoot, "..", $"{Path.GetFileName(OutputRoot)}-worker.log"));
        _workers.Add(worker);
        if (!untilConsuming) return worker;
        var clock = Stopwatch.StartNew();
        while (await ConsumersAsync() < _workers.Count(w => !w.HasExited))
        {
            if (worker.HasExited || clock.Elapsed > TimeSpan.FromSeconds(90)) Assert.Fail($"worker {worker.Id} did not start consuming");
            await Task.Delay(200);
        }

        return worker;
    }

    public static async Task PublishAsync(BusEventRecorder events, string tenant, Guid runId) =>
        await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = "fault-suite" });

    /// <summary>Resources a FHIR tenant's store holds now (its search total).</summary>
    public static async Task<int> StoredCountAsync(FhirTestServer store)
    {
        using var http = new HttpClient { BaseAddress = store.BaseUrl };
        var bundle = await http.GetFromJsonAsync<JsonElement>("Patient?_summary=count");
        return bundle.GetProperty("total").GetInt32();
    }

    /// <summary>The oracle's verdict for one tenant: every source key against its store.</summary>
    public async Task<OracleVerdict> JudgeAsync(string tenant)
    {
        var (source, store) = _tenants[tenant];
        var keys = await SourceKeysAsync(source);
        IEnumerable<Patient> stored;
        if (store is null) stored = NdjsonReader.Read<Patient>(Path.Combine(OutputRoot, tenant));
        else
        {
            using var reader = new FhirStoreReader(store.BaseUrl);
            stored = await reader.SearchAllAsync<Patient>();
        }

        return SyncOracle.Judge(tenant, Table, keys, stored.ToList());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.DisposeAsync();
        foreach (var owned in _owned) await owned.DisposeAsync();
        Directory.Delete(OutputRoot, recursive: true);
    }

    private async Task<IReadOnlyCollection<string>> SourceKeysAsync(TenantSource source)
    {
        await using var connection = await _services.MariaDb.OpenAdminAsync();
        await using var command = new MySqlCommand($"SELECT id FROM `{source.Database}`.people", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return keys;
    }

    private async Task<int> ConsumersAsync()
    {
        try
        {
            return (await _services.RabbitMq.QueueAsync("fhirsync-sync-requested")).TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0;
        }
        catch (HttpRequestException)
        {
            return 0; // the queue does not exist before the first worker declares it
        }
    }
}
