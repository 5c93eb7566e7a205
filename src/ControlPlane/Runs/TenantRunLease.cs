using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.Runs;

/// <summary>
/// A held tenant run lock. <see cref="Lost"/> is cancelled if the lock's connection fails its periodic check: the
/// server has then freed the lock and another worker may start the tenant, so the run must stop.
/// </summary>
public sealed class TenantRunLease : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly TenantId _tenantId;
    private readonly string _lockName;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _connectionUse = new(1, 1);
    private readonly Task _watch;

    internal TenantRunLease(MySqlConnection connection, TenantId tenantId, string lockName)
    {
        _connection = connection;
        _tenantId = tenantId;
        _lockName = lockName;
        _watch = WatchAsync();
    }

    public CancellationToken Lost => _lost.Token;

    /// <summary>The server's id of the connection that holds the lock (what IS_USED_LOCK answers).</summary>
    public long ConnectionId => _connection.ServerThread;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        try
        {
            await RunAsync($"DO RELEASE_LOCK({_lockName})");
        }
        catch (MySqlException)
        {
            // The connection is gone, and with it the lock.
        }

        await _connection.DisposeAsync();
        _lost.Dispose();
        _stop.Dispose();
        _connectionUse.Dispose();
    }

    private async Task WatchAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TenantRunLocks.CheckInterval, _stop.Token);
                if (!await StillHeldAsync())
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> StillHeldAsync()
    {
        try
        {
            return await RunAsync($"SELECT IS_USED_LOCK({_lockName}) = CONNECTION_ID()") is true or 1 or 1L;
        }
        catch (MySqlException)
        {
            return false;
        }
    }

    private async Task<object?> RunAsync(string sql)
    {
        await _connectionUse.WaitAsync();
        try
        {
            await using var command = new MySqlCommand(sql, _connection);
            command.Parameters.AddWithValue("@tenant", _tenantId.Value);
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            _connectionUse.Release();
        }
    }
}
