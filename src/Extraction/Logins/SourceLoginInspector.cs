using MySqlConnector;

namespace FhirSync.Extraction.Logins;

/// <summary>
/// Asks the server who a tenant's source login is and what it may reach: the account, its database, the other
/// databases it can see, and every privilege it holds directly or through a granted role. Onboarding uses it to warn
/// when a login can read more than its own database or can write. Reads only (it enables the login's roles in turn,
/// then restores the connection's role); never reports a password or its hash.
/// </summary>
public static class SourceLoginInspector
{
    /// <summary>Inspects the login of <paramref name="connection"/>, an open connection on the tenant's own credentials.</summary>
    /// <exception cref="MySqlException">The server refused a query (the message names the login, never the password).</exception>
    public static async Task<SourceLoginReport> InspectAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string user;
        string? database;
        await using (var command = new MySqlCommand("SELECT CURRENT_USER(), DATABASE()", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            user = reader.GetString(0);
            database = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        // SCHEMATA lists exactly the databases this login holds some privilege in (all of them with SHOW DATABASES).
        var others = await ReadLinesAsync(connection,
            "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME <> 'information_schema' AND NOT (SCHEMA_NAME <=> DATABASE())", cancellationToken);
        others.Sort(StringComparer.Ordinal);
        var grants = await ReadGrantsAsync(connection, database, cancellationToken);
        return new SourceLoginReport
        {
            CurrentUser = user,
            Database = database,
            OtherDatabases = others,
            Grants = grants,
            Warnings = SourceLoginWarnings.For(user, database, others, grants),
        };
    }

    /// <summary>
    /// SHOW GRANTS, not INFORMATION_SCHEMA: only SHOW GRANTS lists what the enabled role (and the roles nested in it)
    /// gives. A granted role that is not enabled can still be enabled by the login itself, so each one is enabled in
    /// turn to list it, and the connection's own role is restored after.
    /// </summary>
    private static async Task<List<SourceGrant>> ReadGrantsAsync(MySqlConnection connection, string? database, CancellationToken cancellationToken)
    {
        var grants = new List<SourceGrant>();
        var roles = new List<string>();
        foreach (var statement in new[] { "SHOW GRANTS", "SHOW GRANTS FOR PUBLIC" })
            roles.AddRange(await AddGrantsAsync(connection, statement, database, grants, cancellationToken));
        if (roles.Count == 0) return grants;

        var enabled = await ReadLinesAsync(connection, "SELECT COALESCE(CURRENT_ROLE(), '')", cancellationToken);
        try
        {
            foreach (var role in roles.Distinct(StringComparer.Ordinal))
            {
                await ExecuteAsync(connection, $"SET ROLE {QuoteRole(role)}", cancellationToken);
                await AddGrantsAsync(connection, "SHOW GRANTS", database, grants, cancellationToken);
            }
        }
        finally
        {
            // Not cancellable: the caller's connection must not be left with another role enabled.
            await ExecuteAsync(connection, enabled[0].Length == 0 ? "SET ROLE NONE" : $"SET ROLE {QuoteRole(enabled[0])}", CancellationToken.None);
        }

        return grants;
    }

    /// <summary>Adds the grants <paramref name="statement"/> lists that are not known yet; returns the roles it lists as granted to the login.</summary>
    private static async Task<IEnumerable<string>> AddGrantsAsync(MySqlConnection connection, string statement, string? database,
        List<SourceGrant> grants, CancellationToken cancellationToken)
    {
        var roles = new List<string>();
        foreach (var line in await ReadGrantLinesAsync(connection, statement, cancellationToken))
        {
            var (lineGrants, lineRoles) = ShowGrantsLine.Parse(line, database);
            // With a role enabled, SHOW GRANTS lists the login's own grants again: keep each once.
            foreach (var grant in lineGrants.Where(grant => !grants.Contains(grant))) grants.Add(grant);
            roles.AddRange(lineRoles);
        }

        return roles;
    }

    private static string QuoteRole(string role) => $"`{role.Replace("`", "``", StringComparison.Ordinal)}`";

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> ReadGrantLinesAsync(MySqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadLinesAsync(connection, statement, cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NonExistingGrant)
        {
            // "No such grant": a server without the PUBLIC role (before MariaDB 10.11).
            return [];
        }
    }

    private static async Task<List<string>> ReadLinesAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetString(0));
        return lines;
    }
}
