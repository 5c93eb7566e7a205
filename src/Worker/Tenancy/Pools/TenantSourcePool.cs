using System.Diagnostics.CodeAnalysis;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Extraction;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>
/// One tenant's connections: at most its own limit open at once, each counted against the worker's global budget,
/// each checked to be on the tenant's login and database when handed out. Once retired (evicted, or replaced by a
/// changed connection string) it lends nothing more and closes connections as they come back.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle; leases still in flight release it after the pool is retired.")]
internal sealed class TenantSourcePool
{
    private readonly object _gate = new();
    private readonly Stack<MySqlConnection> _idle = new();
    private readonly string _connectionString;
    private readonly SourceLogin _login;
    private readonly SemaphoreSlim _slots;
    private readonly ConnectionBudget _budget;
    private readonly SourcePoolOptions _options;
    private readonly Func<TenantSourcePool, ValueTask<bool>> _reclaimElsewhere;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _users;
    private int _open;
    private bool _retired;
    private DateTimeOffset _lastUsed;

    public TenantSourcePool(TenantId tenantId, string connectionString, string fingerprint, ConnectionBudget budget, SourcePoolOptions options,
        Func<TenantSourcePool, ValueTask<bool>> reclaimElsewhere, TimeProvider timeProvider, ILogger logger)
    {
        TenantId = tenantId;
        Fingerprint = fingerprint;
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message can quote the string; say only whose it is.
            throw new TenantConnectionRefusedException(tenantId.Value, "its source connection is not a valid connection string");
        }

        _login = SourceLogin.Of(tenantId, builder);
        MaxConnections = (int)Math.Min((uint)options.MaxConnectionsPerTenant, builder.MaximumPoolSize);
        // This class is the pool; MySqlConnector's own pool would keep connections open outside the budget.
        builder.Pooling = false;
        builder.ApplicationName = "fhirsync-worker";
        _connectionString = builder.ConnectionString;
        _slots = new SemaphoreSlim(MaxConnections, MaxConnections);
        _budget = budget;
        _options = options;
        _reclaimElsewhere = reclaimElsewhere;
        _timeProvider = timeProvider;
        _logger = logger;
        _lastUsed = timeProvider.GetUtcNow();
    }

    public TenantId TenantId { get; }

    /// <summary>A hash of the connection string the pool was built from; a different one means a new pool.</summary>
    public string Fingerprint { get; }

    /// <summary>The tenant's limit: the worker's per-tenant maximum, or lower if its connection string asks.</summary>
    public int MaxConnections { get; }

    public int OpenConnections => Volatile.Read(ref _open);

    public int IdleConnections
    {
        get
        {
            lock (_gate) return _idle.Count;
        }
    }

    public bool IsRetired
    {
        get
        {
            lock (_gate) return _retired;
        }
    }

    /// <summary>A validated connection, or null when the pool was retired meanwhile and the caller must ask for the current one.</summary>
    public async Task<SourceConnectionLease?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_retired) return null;
            _users++;
        }

        try
        {
            if (!await _slots.WaitAsync(_options.AcquireTimeout, cancellationToken))
                throw new SourceConnectionsExhaustedException(TenantId.Value, $"all {MaxConnections} of its own connections stayed in use for {_options.AcquireTimeout.TotalSeconds:0.#} s");
            try
            {
                var connection = await TakeValidIdleAsync(cancellationToken) ?? await OpenValidAsync(cancellationToken);
                return new SourceConnectionLease(connection, GiveBackAsync);
            }
            catch
            {
                _slots.Release();
                throw;
            }
        }
        catch
        {
            Leave();
            throw;
        }
    }

    /// <summary>Closes one idle connection so another tenant can have its budget permit.</summary>
    public async ValueTask<bool> TryCloseOneIdleAsync()
    {
        MySqlConnection? idle;
        lock (_gate) _idle.TryPop(out idle);
        if (idle is null) return false;
        await CloseAsync(idle);
        return true;
    }

    /// <summary>Retires the pool and closes its idle connections if no one used it for <paramref name="idleTimeout"/>.</summary>
    public async ValueTask<int?> TryRetireIfIdleAsync(TimeSpan idleTimeout)
    {
        lock (_gate)
        {
            if (_retired || _users > 0 || _timeProvider.GetUtcNow() - _lastUsed < idleTimeout) return null;
        }

        return await RetireAsync();
    }

    /// <summary>Lends nothing more; closes idle connections now and leased ones as they come back. Returns how many closed now.</summary>
    public async ValueTask<int> RetireAsync()
    {
        MySqlConnection[] idle;
        lock (_gate)
        {
            _retired = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle) await CloseAsync(connection);
        return idle.Length;
    }

    private async Task<MySqlConnection?> TakeValidIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            MySqlConnection? idle;
            lock (_gate) _idle.TryPop(out idle);
            if (idle is null) return null;

            string? mismatch;
            try
            {
                mismatch = await _login.CheckAsync(idle, cancellationToken);
            }
            catch (MySqlException ex)
            {
                // The server dropped it while idle (wait_timeout, restart): close it and try the next.
                PoolLog.IdleConnectionDropped(_logger, TenantId.Value, ex.Number);
                await CloseAsync(idle);
                continue;
            }

            if (mismatch is null) return idle;
            PoolLog.ConnectionDiscarded(_logger, TenantId.Value, mismatch);
            await CloseAsync(idle);
        }
    }

    private async Task<MySqlConnection> OpenValidAsync(CancellationToken cancellationToken)
    {
        if (!await _budget.AcquireAsync(_options.AcquireTimeout, () => _reclaimElsewhere(this), cancellationToken))
            throw new SourceConnectionsExhaustedException(TenantId.Value, $"all {_budget.Size} source connections of the worker's global budget stayed in use for {_options.AcquireTimeout.TotalSeconds:0.#} s");

        Interlocked.Increment(ref _open);
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var mismatch = await _login.CheckAsync(connection, cancellationToken);
            if (mismatch is not null) throw new TenantConnectionRefusedException(TenantId.Value, mismatch);
            return connection;
        }
        catch
        {
            await CloseAsync(connection);
            throw;
        }
    }

    private async ValueTask GiveBackAsync(MySqlConnection connection)
    {
        bool keep;
        lock (_gate)
        {
            // Close rather than keep when the pool is retired or another tenant waits for a budget permit.
            keep = !_retired && connection.State == System.Data.ConnectionState.Open && !_budget.HasWaiters;
            if (keep) _idle.Push(connection);
        }

        _slots.Release();
        Leave();
        if (!keep) await CloseAsync(connection);
    }

    private void Leave()
    {
        lock (_gate)
        {
            _users--;
            _lastUsed = _timeProvider.GetUtcNow();
        }
    }

    private async ValueTask CloseAsync(MySqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            _budget.Release();
        }
    }
}
