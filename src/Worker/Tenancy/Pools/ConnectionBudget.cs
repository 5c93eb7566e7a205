using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>
/// The global count of open source connections: one permit per physical connection, idle or leased. A pool takes a
/// permit before it opens a connection and gives it back when it closes one, so the count can never pass the size.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The semaphore never allocates a wait handle (AvailableWaitHandle is not used), so there is nothing to dispose.")]
internal sealed class ConnectionBudget(int size)
{
    private static readonly TimeSpan ReclaimSlice = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _permits = new(size, size);
    private int _waiting;
    private int _peak;

    public int Size { get; } = size;

    public int Open => Size - _permits.CurrentCount;

    /// <summary>The most connections open at once since start.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Someone waits for a permit, so pools close the connections given back instead of keeping them idle.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiting) > 0;

    /// <summary>
    /// Takes a permit, waiting up to <paramref name="timeout"/>. While it waits it keeps asking
    /// <paramref name="reclaimIdle"/> to close an idle connection of any tenant, since idle connections hold permits too.
    /// </summary>
    public async Task<bool> AcquireAsync(TimeSpan timeout, Func<ValueTask<bool>> reclaimIdle, CancellationToken cancellationToken)
    {
        if (_permits.Wait(0, CancellationToken.None)) return Taken();
        Interlocked.Increment(ref _waiting);
        try
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                await reclaimIdle();
                var remaining = timeout - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) return false;
                if (await _permits.WaitAsync(remaining < ReclaimSlice ? remaining : ReclaimSlice, cancellationToken)) return Taken();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Release() => _permits.Release();

    private bool Taken()
    {
        var open = Open;
        int peak;
        while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
        {
            // Another thread raised the peak meanwhile; compare again.
        }

        return true;
    }
}
