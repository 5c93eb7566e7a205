using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>One finished run as the control database recorded it.</summary>
internal sealed record RunTiming(Guid RunId, string TenantId, string State, DateTime RequestedAt, DateTime StartedAt, DateTime FinishedAt, long Written, long RowsRead)
{
    public TimeSpan Duration => FinishedAt - StartedAt;

    public TimeSpan Latency => FinishedAt - RequestedAt;
}

/// <summary>Reads run outcomes from sync_runs and sync_source_reports, and waits for runs to finish.</summary>
internal sealed class RunTimings(MySqlDataSource controlDatabase)
{
    private static readonly string[] FinalStates = ["succeeded", "failed"];

    /// <summary>Waits until every run in <paramref name="runIds"/> succeeded; throws when one failed or the time ran out.</summary>
    public async Task<IReadOnlyList<RunTiming>> WaitAsync(IReadOnlyCollection<Guid> runIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await ReadAsync(runIds, cancellationToken);
            if (runs.Count == runIds.Count && runs.All(run => FinalStates.Contains(run.State)))
            {
                var failed = runs.FirstOrDefault(run => run.State != "succeeded");
                if (failed is not null) throw new InvalidOperationException($"run {failed.RunId} of {failed.TenantId} {failed.State}: {await FailureAsync(failed.RunId, cancellationToken)}");
                return runs;
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{runIds.Count - runs.Count(run => FinalStates.Contains(run.State))} of {runIds.Count} runs unfinished after {timeout}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Per-source elapsed time of a run (sync_source_reports.elapsed_ms), for the stage breakdown.</summary>
    public async Task<IReadOnlyList<(string ResourceType, long Written, long ElapsedMs)>> SourcesAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = controlDatabase.CreateCommand("SELECT resource_type, written, elapsed_ms FROM sync_source_reports WHERE run_id = @run ORDER BY resource_type");
        command.Parameters.Add(new MySqlParameter("@run", runId.ToString()));
        var sources = new List<(string, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sources.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return sources;
    }

    /// <summary>Source read time and page time summed over a run's pages (usage_events), in milliseconds.</summary>
    public async Task<(long SourceDbMs, long PageMs, int Pages)> PagesAsync(IEnumerable<Guid> runIds, CancellationToken cancellationToken)
    {
        var ids = runIds.Select(id => "'" + id + "'").ToList();
        await using var command = controlDatabase.CreateCommand(
            $"SELECT COALESCE(SUM(source_db_ms), 0), COALESCE(SUM(duration_ms), 0), COUNT(*) FROM usage_events WHERE event_type = 'sync-page' AND run_id IN ({string.Join(',', ids)})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), reader.GetInt32(2));
    }

    private async Task<List<RunTiming>> ReadAsync(IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken)
    {
        var ids = runIds.Select(id => "'" + id + "'").ToList();
        await using var command = controlDatabase.CreateCommand($"""
            SELECT r.run_id, r.tenant_id, r.state, r.requested_at, r.started_at, r.finished_at,
                   (SELECT COALESCE(SUM(s.written), 0) FROM sync_source_reports s WHERE s.run_id = r.run_id),
                   (SELECT COALESCE(SUM(s.rows_read), 0) FROM sync_source_reports s WHERE s.run_id = r.run_id)
            FROM sync_runs r WHERE r.run_id IN ({string.Join(',', ids)})
            """);
        var runs = new List<RunTiming>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunTiming(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3),
                reader.IsDBNull(4) ? default : reader.GetDateTime(4), reader.IsDBNull(5) ? default : reader.GetDateTime(5),
                Convert.ToInt64(reader.GetValue(6)), Convert.ToInt64(reader.GetValue(7))));
        }

        return runs;
    }

    private async Task<string> FailureAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = controlDatabase.CreateCommand("SELECT CONCAT(COALESCE(failure_stage, ''), ': ', COALESCE(failure_reason, '')) FROM sync_runs WHERE run_id = @run");
        command.Parameters.Add(new MySqlParameter("@run", runId.ToString()));
        return (await command.ExecuteScalarAsync(cancellationToken)) as string ?? "no reason recorded";
    }
}
