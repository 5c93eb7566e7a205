using MySqlConnector;
using Testcontainers.MySql;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// A real MariaDB: a Testcontainers server where Docker answers, otherwise the one named by FHIRSYNC_TEST_MARIADB
/// (an admin login, as scripts/setup-services.sh creates). Seeds the demo tenants from demo/sql once.
/// </summary>
internal sealed class MariaDbService : IAsyncDisposable
{
    private readonly MySqlContainer? _container;
    private readonly List<string> _databases = [];

    private MariaDbService(MySqlContainer? container, string adminConnectionString)
    {
        _container = container;
        AdminConnectionString = adminConnectionString;
        var builder = new MySqlConnectionStringBuilder(adminConnectionString);
        Server = builder.Server;
        Port = builder.Port;
    }

    public string AdminConnectionString { get; }

    public string Server { get; }

    public uint Port { get; }

    public static async Task<MariaDbService> StartAsync()
    {
        if (DockerEngine.Answers)
        {
            var container = new MySqlBuilder("mariadb:10.11").WithUsername("root").WithPassword("fhirsync_test").Build();
            await container.StartAsync();
            return new MariaDbService(container, container.GetConnectionString());
        }

        var connectionString = Environment.GetEnvironmentVariable("FHIRSYNC_TEST_MARIADB")
            ?? "Server=127.0.0.1;Port=3306;User ID=fhirsync_admin;Password=fhirsync_admin_dev";
        return new MariaDbService(null, connectionString);
    }

    /// <summary>A connection string for a tenant login on its own database.</summary>
    public string LoginTo(string database, string user, string password) =>
        new MySqlConnectionStringBuilder { Server = Server, Port = Port, Database = database, UserID = user, Password = password }.ConnectionString;

    /// <summary>Creates an empty database dropped when the test run ends; returns an admin connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
        await ExecuteAsync($"CREATE DATABASE `{name}`");
        _databases.Add(name);
        return new MySqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs an SQL script (several statements) as the admin login.</summary>
    public async Task ExecuteAsync(string sql)
    {
        var builder = new MySqlConnectionStringBuilder(AdminConnectionString) { AllowUserVariables = true };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An open admin connection, for a test that reads what a tenant login cannot (grants, the general log).</summary>
    public async Task<MySqlConnection> OpenAdminAsync()
    {
        var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task SeedDemoTenantsAsync()
    {
        foreach (var tenant in DemoTenant.All)
            await ExecuteAsync(await File.ReadAllTextAsync(System.IO.Path.Combine(RepositoryRoot.Path, "demo", "sql", $"{tenant.Id}.sql")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases) await ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`");
        if (_container is not null) await _container.DisposeAsync();
    }
}
