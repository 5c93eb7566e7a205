using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>
/// The account and database every connection of a tenant's pool must be on, taken from the tenant's own connection
/// string, and the check run each time a connection is handed out.
/// </summary>
internal sealed class SourceLogin
{
    private SourceLogin(string user, string database)
    {
        User = user;
        Database = database;
    }

    public string User { get; }

    public string Database { get; }

    /// <exception cref="TenantConnectionRefusedException">The connection string names no user or no database.</exception>
    public static SourceLogin Of(TenantId tenantId, MySqlConnectionStringBuilder connection)
    {
        if (string.IsNullOrEmpty(connection.UserID)) throw new TenantConnectionRefusedException(tenantId.Value, "its source connection names no user");
        if (string.IsNullOrEmpty(connection.Database)) throw new TenantConnectionRefusedException(tenantId.Value, "its source connection names no database");
        return new SourceLogin(connection.UserID, connection.Database);
    }

    /// <summary>
    /// Why a connection reporting <paramref name="currentUser"/> (CURRENT_USER(), <c>user@host</c> of the account the
    /// server authenticated) and <paramref name="database"/> (DATABASE()) is not this tenant's, or null when it is.
    /// An anonymous or proxied account shows a different user, a <c>USE</c> left behind a different database.
    /// </summary>
    public string? MismatchOf(string currentUser, string? database)
    {
        var at = currentUser.LastIndexOf('@');
        var user = at < 0 ? currentUser : currentUser[..at];
        if (!string.Equals(user, User, StringComparison.Ordinal)) return $"it is logged in as account '{user}', not the tenant's login '{User}'";
        if (!string.Equals(database, Database, StringComparison.Ordinal)) return $"it is on database '{database ?? "(none)"}', not the tenant's database '{Database}'";
        return null;
    }

    /// <summary>Reads the connection's account and database and returns why it is not this tenant's, or null.</summary>
    public async Task<string?> CheckAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT CURRENT_USER(), DATABASE()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return MismatchOf(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
