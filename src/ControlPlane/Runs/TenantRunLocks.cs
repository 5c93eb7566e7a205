using System.Globalization;
using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Runs;

/// <summary>
/// One run per tenant at a time, across every worker on the control database: a named server lock (GET_LOCK) held by
/// one open connection for the length of the run. The server frees it the moment that connection ends, so a worker
/// that dies mid-run frees its tenant at once instead of after a lease timeout.
/// </summary>
public sealed class TenantRunLocks(MySqlDataSource controlDatabase)
{
    /// <summary>How often a held lock's connection is checked (and kept from the server's idle timeout).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(15);

    // Lock names are server-wide: the database's name keeps two installations on one server apart; the hash keeps it within 64 characters.
    private const string LockName = "SHA1(CONCAT('fhirsync-run/', DATABASE(), '/', @tenant))";

    /// <summary>Takes the tenant's lock, waiting up to <paramref name="wait"/>; null when another run holds it.</summary>
    public async Task<TenantRunLease?> TryAcquireAsync(TenantId tenantId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new MySqlCommand($"SELECT GET_LOCK({LockName}, @wait)", connection);
            command.Parameters.AddWithValue("@tenant", tenantId.Value);
            command.Parameters.AddWithValue("@wait", Math.Max(0, (int)wait.TotalSeconds));
            var acquired = await command.ExecuteScalarAsync(cancellationToken) is { } result and not DBNull
                && Convert.ToInt32(result, CultureInfo.InvariantCulture) == 1;
            if (acquired) return new TenantRunLease(connection, tenantId, LockName);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The run holding the tenant's lock now, if any has recorded itself as its holder yet.</summary>
    public async Task<Guid?> HolderRunIdAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"""
            SELECT run_id FROM sync_runs WHERE tenant_id = @tenant AND state = 'running' AND lock_connection = IS_USED_LOCK({LockName}) LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            Guid runId => runId,
            string text => Guid.Parse(text),
            _ => null,
        };
    }
}
