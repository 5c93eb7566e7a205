using System.Diagnostics;
using System.Runtime;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Benchmarks;
using FhirSync.Sync.Benchmarks;
using MySqlConnector;

// Sync pipeline benchmark: see docs/benchmarks.md and scripts/bench-sync.sh. Progress goes to stderr.
SyncBenchmarkOptions options;
try
{
    options = SyncBenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var machine = MachineInfo.Current();
if (machine.Configuration != "Release" || !GCSettings.IsServerGC)
{
    Console.Error.WriteLine($"refusing to measure a {machine.Configuration} build with {machine.GarbageCollector}: build with -c Release");
    return 1;
}

var mariaDbText = Environment.GetEnvironmentVariable("FHIRSYNC_TEST_MARIADB");
var rabbitText = Environment.GetEnvironmentVariable("FHIRSYNC_TEST_RABBITMQ");
if (string.IsNullOrEmpty(mariaDbText) || string.IsNullOrEmpty(rabbitText))
{
    Console.Error.WriteLine("FHIRSYNC_TEST_MARIADB and FHIRSYNC_TEST_RABBITMQ are not set: run scripts/setup-services.sh and source .fhirsync/services.env");
    return 1;
}

var log = Console.Error;
var cancellation = CancellationToken.None;
var repositoryRoot = RepositoryRoot.Path;
Directory.CreateDirectory(options.WorkDirectory);
var loadBefore = MachineInfo.LoadAverage();
var clock = Stopwatch.StartNew();
var sizes = options.Sizes;
var mariaDb = new MySqlConnectionStringBuilder(mariaDbText);
var sources = new SourceDatabases(mariaDbText, Path.Combine(repositoryRoot, "demo", "sql", "hospital-a.sql"));

log.WriteLine($"[bench] {sizes.Name}: {sizes.Patients:N0} patients + {sizes.Observations:N0} observations over {BenchSizes.TenantShares.Length} tenants; load {loadBefore}");
await using var control = await BenchControlPlane.CreateAsync(mariaDbText, "fhirsync_bench", options.WorkDirectory,
    Path.Combine(repositoryRoot, "src", "Publisher", "bin", "Release", "net10.0", "fhirsync.dll"), cancellation);
await using var broker = await BenchBroker.CreateAsync(new Uri(rabbitText), cancellation);
await using var fhirServer = await FhirTestServer.StartAsync(maxHeapMegabytes: 12_288);
var env = new BenchEnvironment(options, repositoryRoot, mariaDb, control, broker, fhirServer, sources)
{
    MappingDocument = BenchMapping.Document(Path.Combine(repositoryRoot, "demo", "mappings", "hospital-a.json")),
};
await File.WriteAllTextAsync(env.MappingFile, env.MappingDocument, cancellation);

for (var i = 0; i < BenchSizes.TenantShares.Length; i++)
{
    var share = BenchSizes.TenantShares[i];
    var source = await sources.CreateAsync($"bench_t{i + 1}", (int)(sizes.Patients * share), (int)(sizes.Observations * share), cancellation);
    env.MainTenants.Add(($"bench-t{i + 1}", source));
    log.WriteLine($"[bench] generated {source.Database}: {source.Patients:N0} patients, {source.Observations:N0} observations ({clock.Elapsed.TotalSeconds:F0} s)");
}

env.OnDemandSource = await sources.CreateAsync("bench_ondemand", 50, 100, cancellation);
env.FhirSource = sizes.FhirRows is { } fhirRows
    ? await sources.CreateAsync("bench_fhir", fhirRows / 3, fhirRows - (fhirRows / 3), cancellation)
    : env.MainTenants[0].Source;
env.MemorySmallSource = await sources.CreateAsync("bench_mem_small", sizes.MemorySmallRows / 3, sizes.MemorySmallRows - (sizes.MemorySmallRows / 3), cancellation);
env.MemoryLargeSource = await sources.CreateAsync("bench_mem_large", sizes.MemoryLargeRows / 3, sizes.MemoryLargeRows - (sizes.MemoryLargeRows / 3), cancellation);
env.FleetSource = await sources.CreateAsync("bench_fleet", 10, 20, cancellation);
log.WriteLine($"[bench] generated the on-demand, memory and fleet databases ({clock.Elapsed.TotalSeconds:F0} s)");

foreach (var (tenant, source) in env.MainTenants) await control.AddWithPublisherAsync(tenant, source, env.MappingFile, null, env.Host, env.Port, cancellation);
await control.AddWithPublisherAsync(BenchEnvironment.FhirTenant, env.FhirSource, env.MappingFile, fhirServer.BaseUrl, env.Host, env.Port, cancellation);
await control.AddWithPublisherAsync(BenchEnvironment.OnDemandTenant, env.OnDemandSource, env.MappingFile, null, env.Host, env.Port, cancellation);
await control.AddWithPublisherAsync(BenchEnvironment.MemorySmallTenant, env.MemorySmallSource, env.MappingFile, null, env.Host, env.Port, cancellation);
await control.AddWithPublisherAsync(BenchEnvironment.MemoryLargeTenant, env.MemoryLargeSource, env.MappingFile, null, env.Host, env.Port, cancellation);
log.WriteLine($"[bench] registered the tenants with fhirsync tenant add ({clock.Elapsed.TotalSeconds:F0} s)");

var figures = new Figures();
var throughput = new ThroughputScenarios(env, figures, log);
var resources = new ResourceScenarios(env, figures, log);
await throughput.LimitsAsync(cancellation);
await using (var worker = await env.StartWorkerAsync("main", env.WorkerSettings("main"), cancellation))
{
    await throughput.NdjsonAsync(worker.Id, cancellation);
    await throughput.FhirAsync(worker.Id, cancellation);
    await resources.OnDemandAsync(cancellation);
}

await throughput.NaiveAsync(cancellation);
await resources.MemoryAsync(cancellation);
await resources.FleetAsync(cancellation);

var report = new SyncReport(options, machine, loadBefore, MachineInfo.LoadAverage(), figures, env);
report.Write();
Console.WriteLine(report.Table());
log.WriteLine($"[bench] wrote {options.OutputPath} after {clock.Elapsed.TotalSeconds:F0} s");
return 0;
