using System.Diagnostics;
using System.Security.Cryptography;
using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>A fresh control database for one benchmark run, its master key, and the tenants registered in it.</summary>
internal sealed class BenchControlPlane : IAsyncDisposable
{
    private readonly MySqlDataSource _dataSource;
    private readonly string _publisherDll;
    private readonly byte[] _key;

    private BenchControlPlane(MySqlDataSource dataSource, string connectionString, string keyFile, byte[] key, string publisherDll)
    {
        _dataSource = dataSource;
        ConnectionString = connectionString;
        KeyFile = keyFile;
        _key = key;
        _publisherDll = publisherDll;
    }

    public string ConnectionString { get; }

    public string KeyFile { get; }

    /// <summary>Drops and recreates <paramref name="database"/>, migrates it and writes a new master key under <paramref name="workDirectory"/>.</summary>
    public static async Task<BenchControlPlane> CreateAsync(string adminConnectionString, string database, string workDirectory, string publisherDll, CancellationToken cancellationToken)
    {
        await using (var admin = new MySqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}` CHARACTER SET utf8mb4", admin);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new MySqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;
        var dataSource = new MySqlDataSource(connectionString);
        await new ControlDatabaseMigrator(dataSource, TimeProvider.System, NullLogger<ControlDatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        var key = RandomNumberGenerator.GetBytes(32);
        var keyFile = Path.Combine(workDirectory, "master.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(key), cancellationToken);
        return new BenchControlPlane(dataSource, connectionString, keyFile, key, publisherDll);
    }

    public MySqlDataSource DataSource => _dataSource;

    /// <summary>Registers a tenant the way an operator does: <c>fhirsync tenant add</c>, which checks the mapping compiles and the login connects.</summary>
    public async Task AddWithPublisherAsync(string tenantId, SourceDatabase source, string mappingFile, Uri? fhirBase, string mariaDbHost, int mariaDbPort, CancellationToken cancellationToken)
    {
        string[] sink = fhirBase is null ? ["--sink", "ndjson"] : ["--sink", "fhir", "--sink-url", fhirBase.ToString(), "--bundle-size", "50"];
        var start = new ProcessStartInfo("dotnet", [_publisherDll, "tenant", "add", "--id", tenantId, "--name", "Benchmark " + tenantId,
            "--source-connection-env", "BENCH_SOURCE", "--mapping", mappingFile, .. sink, "--time-zone", "America/New_York"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in PublisherSettings()) start.Environment[name] = value;
        // By environment variable, as scripts/demo.sh does, so the password never shows in the process list.
        start.Environment["BENCH_SOURCE"] = source.ConnectionString(mariaDbHost, mariaDbPort);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the Publisher CLI could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"fhirsync tenant add --id {tenantId} failed ({process.ExitCode}): {await errors}{await output}");
    }

    /// <summary>
    /// Registers many tenants straight into the registry, with what <c>fhirsync tenant add</c> stores (encrypted login,
    /// mapping, own salt, own NDJSON folder): a CLI start per tenant would take longer than the whole benchmark.
    /// </summary>
    public async Task AddManyAsync(IEnumerable<string> tenantIds, string sourceConnectionString, string mappingDocument, CancellationToken cancellationToken)
    {
        var registry = new TenantRegistry(_dataSource, TimeProvider.System);
        var secrets = new SecretProtector("k1", _key);
        foreach (var id in tenantIds)
        {
            await registry.UpsertAsync(new TenantRegistration
            {
                TenantId = TenantId.Parse(id),
                DisplayName = "Benchmark fleet " + id,
                EncryptedSourceConnection = secrets.Protect(id, sourceConnectionString, SecretPurpose.SourceConnection),
                Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
                MappingDocument = mappingDocument,
                IdSalt = RandomNumberGenerator.GetBytes(32),
            }, cancellationToken);
        }
    }

    public IEnumerable<(string Name, string Value)> PublisherSettings() =>
    [
        ("FHIRSYNC_ControlDatabase__ConnectionString", ConnectionString),
        ("FHIRSYNC_Secrets__KeyFile", KeyFile),
        ("FHIRSYNC_Secrets__KeyId", "k1"),
    ];

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
