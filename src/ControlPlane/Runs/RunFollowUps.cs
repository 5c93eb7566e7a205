using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Runs;

/// <summary>
/// The one follow-up run each busy tenant (and kind of run) has waiting in the control database: requests that arrived
/// while a run of the tenant was in progress, merged, for whoever next finds the tenant idle to publish.
/// </summary>
public sealed class RunFollowUps(MySqlDataSource controlDatabase, TimeProvider timeProvider)
{
    /// <summary>
    /// Merges a request for a tenant whose run of this kind is in progress into the one follow-up run waiting for it to
    /// end. The first such request becomes the follow-up (and keeps its id); later ones are marked coalesced into it.
    /// Returns the follow-up's run id.
    /// </summary>
    public Task<Guid> CoalesceAsync(RunRequest request, CancellationToken cancellationToken) =>
        RetryDeadlockAsync(() => CoalesceOnceAsync(request, cancellationToken));

    private async Task<Guid> CoalesceOnceAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var waiting = await FollowUpAsync(connection, transaction, request.TenantId, request.Kind, forUpdate: true, cancellationToken);
        if (waiting is null)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO sync_run_followups (tenant_id, kind, run_id, origin, full_resync, resource_types, requested_at)
                VALUES (@tenant, @kind, @run, @origin, @full, @types, @requested)
                """, request, cancellationToken);
            await ExecuteAsync(connection, transaction, "UPDATE sync_runs SET state = 'queued', updated_at = @now WHERE run_id = @run", request, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return request.RunId;
        }

        if (waiting.RunId != request.RunId)
        {
            var merged = waiting.MergedWith(request);
            await ExecuteAsync(connection, transaction, """
                UPDATE sync_run_followups SET full_resync = @full, resource_types = @types WHERE tenant_id = @tenant AND kind = @kind
                """, merged, cancellationToken);
            await ExecuteAsync(connection, transaction, "UPDATE sync_runs SET full_resync = @full, resource_types = @types, updated_at = @now WHERE run_id = @run",
                merged, cancellationToken);
            await using var coalesce = new MySqlCommand(
                "UPDATE sync_runs SET state = 'coalesced', coalesced_into = @into, finished_at = @now, updated_at = @now WHERE run_id = @run", connection, transaction);
            coalesce.Parameters.AddWithValue("@into", waiting.RunId);
            coalesce.Parameters.AddWithValue("@run", request.RunId);
            coalesce.Parameters.AddWithValue("@now", Now);
            await coalesce.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return waiting.RunId;
    }

    /// <summary>Removes and returns the tenant's waiting follow-up run of this kind, if any; exactly one caller gets it.</summary>
    public Task<RunRequest?> TakeAsync(TenantId tenantId, string kind, CancellationToken cancellationToken) =>
        RetryDeadlockAsync(() => TakeOnceAsync(tenantId, kind, cancellationToken));

    private async Task<RunRequest?> TakeOnceAsync(TenantId tenantId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var waiting = await FollowUpAsync(connection, transaction, tenantId, kind, forUpdate: true, cancellationToken);
        if (waiting is not null)
            await ExecuteAsync(connection, transaction, "DELETE FROM sync_run_followups WHERE tenant_id = @tenant AND kind = @kind", waiting, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return waiting;
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Requests for one idle tenant arriving together lock the same follow-up row (or the gap where it will be); InnoDB
    /// then rolls one transaction back as a deadlock, which is safe to run again.
    /// </summary>
    private static async Task<T> RetryDeadlockAsync<T>(Func<Task<T>> transaction)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (MySqlException deadlock) when (deadlock.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * Random.Shared.Next(1, 4)));
            }
        }
    }

    private async Task ExecuteAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, RunRequest request, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        request.AddParametersTo(command);
        command.Parameters.AddWithValue("@now", Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<RunRequest?> FollowUpAsync(MySqlConnection connection, MySqlTransaction transaction, TenantId tenantId, string kind, bool forUpdate,
        CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"""
            SELECT run_id, origin, full_resync, resource_types, requested_at FROM sync_run_followups WHERE tenant_id = @tenant AND kind = @kind
            {(forUpdate ? "FOR UPDATE" : string.Empty)}
            """, connection, transaction);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@kind", kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new RunRequest(reader.GetGuid(0), tenantId, kind, reader.GetString(1), reader.GetBoolean(2),
            RunRequest.ParseResourceTypes(reader.IsDBNull(3) ? null : reader.GetString(3)), RunStore.Utc(reader.GetDateTime(4)));
    }
}
