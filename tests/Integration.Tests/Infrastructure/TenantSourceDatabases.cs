using MySqlConnector;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// Many small tenant source databases, each with its own least-privilege login (SELECT on its own database only) and a
/// <c>people</c> table of three rows. Logins and databases are dropped on dispose.
/// </summary>
internal sealed class TenantSourceDatabases : IAsyncDisposable
{
    public const string PeopleMapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"],
          "elements": [ { "path": "name[0].family", "column": "family_name" } ] } ] }
        """;

    /// <summary>The same, read incrementally: ids only grow here, so the key is its own change-tracking column.</summary>
    public const string TrackedPeopleMapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "changeTracking": ["id"],
          "elements": [ { "path": "name[0].family", "column": "family_name" } ] } ] }
        """;

    private readonly MariaDbService _mariaDb;

    private TenantSourceDatabases(MariaDbService mariaDb, string prefix, IReadOnlyList<TenantSource> sources)
    {
        _mariaDb = mariaDb;
        Prefix = prefix;
        Sources = sources;
    }

    /// <summary>The start of every login name here, for counting their connections in the server's process list.</summary>
    public string Prefix { get; }

    public IReadOnlyList<TenantSource> Sources { get; }

    public TenantSource this[int index] => Sources[index];

    public static async Task<TenantSourceDatabases> CreateAsync(MariaDbService mariaDb, string purpose, int count)
    {
        var prefix = $"fst{purpose}{Guid.NewGuid():N}"[..14];
        var sources = Enumerable.Range(0, count).Select(i => new TenantSource(mariaDb, $"{prefix}_{i}", $"{prefix}_{i}", $"pw-{Guid.NewGuid():N}")).ToList();
        foreach (var batch in sources.Chunk(50))
        {
            await mariaDb.ExecuteAsync(string.Concat(batch.Select(source => $"""
                CREATE DATABASE `{source.Database}`;
                CREATE TABLE `{source.Database}`.people (id INT PRIMARY KEY, family_name VARCHAR(60) NOT NULL);
                INSERT INTO `{source.Database}`.people VALUES (1, 'Ames'), (2, 'Brook'), (3, 'Cole');
                CREATE USER '{source.User}'@'%' IDENTIFIED BY '{source.Password}';
                GRANT SELECT ON `{source.Database}`.* TO '{source.User}'@'%';
                """)));
        }

        return new TenantSourceDatabases(mariaDb, prefix, sources);
    }

    /// <summary>
    /// Connections the server holds for these logins (its process list, as an operator would count them). With
    /// <paramref name="settlesAt"/>, waits up to 3 s for the count to reach it, since the server drops a closed
    /// connection's thread a moment after the client quits.
    /// </summary>
    public async Task<int> ServerConnectionsAsync(string? user = null, int? settlesAt = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(3);
        while (true)
        {
            var count = await CountAsync(user ?? $"{Prefix}\\_%");
            if (settlesAt is null || count == settlesAt || DateTimeOffset.UtcNow > deadline) return count;
            await Task.Delay(50);
        }
    }

    private async Task<int> CountAsync(string userPattern)
    {
        await using var connection = new MySqlConnection(_mariaDb.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER LIKE @pattern", connection);
        command.Parameters.AddWithValue("@pattern", userPattern);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batch in Sources.Chunk(50))
            await _mariaDb.ExecuteAsync(string.Concat(batch.Select(source => $"DROP USER IF EXISTS '{source.User}'@'%'; DROP DATABASE IF EXISTS `{source.Database}`;")));
    }
}

internal sealed record TenantSource(MariaDbService MariaDb, string Database, string User, string Password)
{
    public string ConnectionString => MariaDb.LoginTo(Database, User, Password);
}
