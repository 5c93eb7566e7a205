using System.Security.Cryptography;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// A throwaway MariaDB login, created like the demo logins at both 127.0.0.1 and localhost (a TCP login from
/// 127.0.0.1 may be matched to either), with the grants a test gives it; dropped on dispose.
/// </summary>
internal sealed class TestLogin : IAsyncDisposable
{
    private readonly MariaDbService _mariaDb;

    private TestLogin(MariaDbService mariaDb, string user, string password, string database)
    {
        _mariaDb = mariaDb;
        User = user;
        Password = password;
        ConnectionString = new MySqlConnectionStringBuilder(mariaDb.LoginTo(database, user, password)) { Pooling = false }.ConnectionString;
        DataSource = new MySqlDataSource(ConnectionString);
        Connections = new FhirSync.Extraction.DataSourceConnections(DataSource);
    }

    public string User { get; }

    public string Password { get; }

    /// <summary>This login on <c>database</c>, without pooling, so no connection outlives the login.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source on <see cref="ConnectionString"/>, for direct queries.</summary>
    public MySqlDataSource DataSource { get; }

    /// <summary>Connections on <see cref="DataSource"/> as extraction takes them.</summary>
    public FhirSync.Extraction.ISourceConnections Connections { get; }

    /// <summary>Creates the login, then runs each of <paramref name="grants"/> (e.g. <c>SELECT ON `db`.*</c>) for it.</summary>
    public static async Task<TestLogin> CreateAsync(MariaDbService mariaDb, string database, params string[] grants)
    {
        var login = new TestLogin(mariaDb, $"fs_t_{Guid.NewGuid():N}"[..16], Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), database);
        await mariaDb.ExecuteAsync($"CREATE USER '{login.User}'@'127.0.0.1' IDENTIFIED BY '{login.Password}', '{login.User}'@'localhost' IDENTIFIED BY '{login.Password}'");
        foreach (var grant in grants) await login.GrantAsync(grant);
        return login;
    }

    /// <summary>Both accounts of the login, for a GRANT or REVOKE: <c>'u'@'127.0.0.1', 'u'@'localhost'</c>.</summary>
    public string Accounts => $"'{User}'@'127.0.0.1', '{User}'@'localhost'";

    public Task GrantAsync(string grant) => _mariaDb.ExecuteAsync($"GRANT {grant} TO {Accounts}");

    public async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _mariaDb.ExecuteAsync($"DROP USER IF EXISTS {Accounts}");
    }
}
