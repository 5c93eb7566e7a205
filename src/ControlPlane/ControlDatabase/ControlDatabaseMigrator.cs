using System.Reflection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace FhirSync.ControlPlane.ControlDatabase;

/// <summary>
/// Applies the embedded, numbered migrations in order. Safe on every start and from several processes at once:
/// a named server lock serialises migrators, and each applied version is recorded once.
/// </summary>
public sealed partial class ControlDatabaseMigrator(MySqlDataSource controlDatabase, TimeProvider timeProvider, ILogger<ControlDatabaseMigrator> logger)
{
    private const string LockName = "fhirsync.control-database.migrations";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INT NOT NULL PRIMARY KEY,
                    name VARCHAR(200) NOT NULL,
                    applied_at DATETIME(6) NOT NULL
                ) ENGINE = InnoDB
                """, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            foreach (var migration in EmbeddedMigrations().Where(m => !applied.Contains(m.Version)))
            {
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using var record = new MySqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)", connection);
                record.Parameters.AddWithValue("@version", migration.Version);
                record.Parameters.AddWithValue("@name", migration.Name);
                record.Parameters.AddWithValue("@at", timeProvider.GetUtcNow().UtcDateTime);
                await record.ExecuteNonQueryAsync(cancellationToken);
                LogApplied(migration.Version, migration.Name);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"DO RELEASE_LOCK('{LockName}')", CancellationToken.None);
        }
    }

    internal static IReadOnlyList<Migration> EmbeddedMigrations()
    {
        var assembly = typeof(ControlDatabaseMigrator).Assembly;
        const string prefix = "FhirSync.ControlPlane.ControlDatabase.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Migration.FromResource(assembly, name, name[prefix.Length..^4]))
            .OrderBy(migration => migration.Version)
            .ToList();
    }

    private static async Task AcquireLockAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT GET_LOCK('{LockName}', {(int)LockTimeout.TotalSeconds})", connection);
        if (Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
            throw new TimeoutException($"another process held the migration lock for more than {LockTimeout.TotalSeconds:0} seconds");
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using var command = new MySqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied control database migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);

    internal sealed record Migration(int Version, string Name, string Sql)
    {
        public static Migration FromResource(Assembly assembly, string resourceName, string fileName)
        {
            using var stream = assembly.GetManifestResourceStream(resourceName)!;
            using var reader = new StreamReader(stream);
            var version = int.Parse(fileName[..fileName.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            return new Migration(version, fileName, reader.ReadToEnd());
        }
    }
}
