using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Runs;

/// <summary>
/// The runs in the control database: each request's state and timings. Figures per source are in
/// <see cref="ReconciliationStore"/>'s reports; the follow-up runs of busy tenants in <see cref="RunFollowUps"/>.
/// </summary>
public sealed class RunStore(MySqlDataSource controlDatabase, ReconciliationStore reports, TimeProvider timeProvider)
{
    private const int ReasonLength = 512;
    private const string RunColumns = """
        SELECT run_id, tenant_id, kind, origin, full_resync, resource_types, requested_at, state, started_at, finished_at, updated_at,
               slices, worker, coalesced_into, failure_stage, failure_reason FROM sync_runs
        """;

    /// <summary>Records a request as queued unless its run is known already (a redelivery, a replay). True when it was new.</summary>
    public async Task<bool> RecordRequestedAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            INSERT IGNORE INTO sync_runs (run_id, tenant_id, kind, state, origin, full_resync, resource_types, requested_at, updated_at)
            VALUES (@run, @tenant, @kind, 'queued', @origin, @full, @types, @requested, @now)
            """, connection);
        request.AddParametersTo(command);
        command.Parameters.AddWithValue("@now", Now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// A slice of the run starts on <paramref name="worker"/> under the tenant's lease; the first one sets the start time.
    /// </summary>
    public Task MarkRunningAsync(Guid runId, string worker, TenantRunLease lease, CancellationToken cancellationToken) => UpdateAsync("""
        UPDATE sync_runs SET state = 'running', started_at = COALESCE(started_at, @now), slices = slices + 1, worker = @worker,
          lock_connection = @connection, failure_stage = NULL, failure_reason = NULL, updated_at = @now WHERE run_id = @run
        """, runId, cancellationToken, ("@worker", worker), ("@connection", lease.ConnectionId));

    /// <summary>The slice ended with more to read; the run waits in the queue for its next slice.</summary>
    public Task MarkSliceEndedAsync(Guid runId, CancellationToken cancellationToken) => UpdateAsync(
        "UPDATE sync_runs SET state = 'queued', lock_connection = NULL, updated_at = @now WHERE run_id = @run", runId, cancellationToken);

    /// <summary>The run's state, or null if the control database does not know it.</summary>
    public async Task<string?> StateAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT state FROM sync_runs WHERE run_id = @run", connection);
        command.Parameters.AddWithValue("@run", runId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task MarkDeferredAsync(Guid runId, string stage, string reason, CancellationToken cancellationToken) => UpdateAsync("""
        UPDATE sync_runs SET state = 'deferred', lock_connection = NULL, failure_stage = @stage, failure_reason = @reason, updated_at = @now WHERE run_id = @run
        """, runId, cancellationToken, ("@stage", stage), ("@reason", Bounded(reason)));

    public Task MarkSucceededAsync(Guid runId, CancellationToken cancellationToken) => UpdateAsync("""
        UPDATE sync_runs SET state = 'succeeded', finished_at = @now, lock_connection = NULL, failure_stage = NULL, failure_reason = NULL, updated_at = @now WHERE run_id = @run
        """, runId, cancellationToken);

    /// <summary>The run ended in the error queue (or, when <paramref name="willRetry"/>, waits for a retry and is queued again).</summary>
    public Task MarkFailedAsync(Guid runId, string stage, string reason, bool willRetry, CancellationToken cancellationToken) => UpdateAsync($"""
        UPDATE sync_runs SET state = @state, finished_at = {(willRetry ? "NULL" : "@now")}, lock_connection = NULL, failure_stage = @stage, failure_reason = @reason, updated_at = @now
        WHERE run_id = @run
        """, runId, cancellationToken, ("@state", willRetry ? RunStates.Queued : RunStates.Failed), ("@stage", stage), ("@reason", Bounded(reason)));

    public async Task<SyncRun?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"{RunColumns} WHERE run_id = @run", connection);
        command.Parameters.AddWithValue("@run", runId);
        var run = (await ReadRunsAsync(command, cancellationToken)).SingleOrDefault();
        if (run is null) return null;
        return run with { Sources = await reports.ReportsAsync(run.Request.TenantId, run.RunId, cancellationToken) };
    }

    /// <summary>The most recent runs, newest first, of one tenant or of all.</summary>
    public async Task<IReadOnlyList<SyncRun>> ListAsync(TenantId? tenantId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand($"{RunColumns} WHERE (@tenant IS NULL OR tenant_id = @tenant) ORDER BY requested_at DESC, run_id LIMIT @limit", connection);
        command.Parameters.AddWithValue("@tenant", tenantId?.Value);
        command.Parameters.AddWithValue("@limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private static string Bounded(string reason) => reason.Length <= ReasonLength ? reason : reason[..ReasonLength];

    private async Task UpdateAsync(string sql, Guid runId, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@run", runId);
        command.Parameters.AddWithValue("@now", Now);
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<SyncRun>> ReadRunsAsync(MySqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<SyncRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var request = new RunRequest(reader.GetGuid(0), TenantId.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                RunRequest.ParseResourceTypes(reader.IsDBNull(5) ? null : reader.GetString(5)), Utc(reader.GetDateTime(6)));
            runs.Add(new SyncRun(request, reader.GetString(7), UtcOrNull(reader, 8), UtcOrNull(reader, 9), Utc(reader.GetDateTime(10)), reader.GetInt32(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetGuid(13),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.IsDBNull(15) ? null : reader.GetString(15)));
        }

        return runs;
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? UtcOrNull(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Utc(reader.GetDateTime(ordinal));
}
