using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>The services, databases, tenants and paths one benchmark run uses.</summary>
internal sealed class BenchEnvironment(SyncBenchmarkOptions options, string repositoryRoot, MySqlConnectionStringBuilder mariaDb,
    BenchControlPlane control, BenchBroker broker, FhirTestServer fhirServer, SourceDatabases sources)
{
    public const string FhirTenant = "bench-fhir";
    public const string OnDemandTenant = "bench-ondemand";
    public const string MemorySmallTenant = "bench-mem-small";
    public const string MemoryLargeTenant = "bench-mem-large";

    public SyncBenchmarkOptions Options => options;

    public BenchControlPlane Control => control;

    public BenchBroker Broker => broker;

    public FhirTestServer FhirServer => fhirServer;

    public SourceDatabases Sources => sources;

    public RunTimings Runs { get; } = new(control.DataSource);

    /// <summary>The NDJSON tenants sharing the main data set, largest first.</summary>
    public List<(string TenantId, SourceDatabase Source)> MainTenants { get; } = [];

    public SourceDatabase OnDemandSource { get; set; } = null!;

    /// <summary>The FHIR sink's tenant's data: the largest tenant's, or at full size a database of its own.</summary>
    public SourceDatabase FhirSource { get; set; } = null!;

    public SourceDatabase MemorySmallSource { get; set; } = null!;

    public SourceDatabase MemoryLargeSource { get; set; } = null!;

    public SourceDatabase FleetSource { get; set; } = null!;

    public string MappingDocument { get; set; } = "";

    public string MappingFile => Path.Combine(options.WorkDirectory, "bench-mapping.json");

    public string RepositoryRoot => repositoryRoot;

    public string ConnectionString(SourceDatabase source) => source.ConnectionString(mariaDb.Server, (int)mariaDb.Port);

    public string Host => mariaDb.Server;

    public int Port => (int)mariaDb.Port;

    /// <summary>The worker's settings: this run's control database, virtual host and output folder; retries short, no deferral.</summary>
    public Dictionary<string, string?> WorkerSettings(string name) => new()
    {
        ["ControlDatabase:ConnectionString"] = control.ConnectionString,
        ["RabbitMq:Url"] = broker.Url.ToString(),
        ["RabbitMq:RetryLimit"] = "1",
        ["RabbitMq:DeferralLimit"] = "0",
        ["Secrets:KeyFile"] = control.KeyFile,
        ["Secrets:KeyId"] = "k1",
        ["Sinks:NdjsonRoot"] = Path.Combine(options.WorkDirectory, "output-" + name),
        ["Scheduling:RequestOnStart"] = "false",
        ["Usage:RelayIntervalSeconds"] = "5",
    };

    /// <summary>Starts a worker and waits until it consumes on-demand requests.</summary>
    public async Task<WorkerProcess> StartWorkerAsync(string name, Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var worker = WorkerProcess.Start(settings, Path.Combine(options.WorkDirectory, $"worker-{name}.log"));
        await broker.WaitForConsumerAsync("fhirsync-sync-requested", () => !worker.HasExited, cancellationToken);
        return worker;
    }
}
