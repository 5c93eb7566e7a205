using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Short runs first, within one worker: a run is young for its first <see cref="RunOptions.YoungRunSeconds"/>; while
/// any run is young, the older ones wait before each page they map, for at most <see cref="RunOptions.YieldMilliseconds"/>
/// a page. The two cores then go to a small tenant's on-demand sync, whose whole run is a few pages, instead of being
/// shared with a nightly run of millions of rows, which loses a fraction of a second per young run and never stops.
/// </summary>
internal sealed class RunPriority(IOptions<RunOptions> options, TimeProvider timeProvider)
{
    private readonly IOptions<RunOptions> _options = options;
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly Lock _lock = new();
    private int _young;
    private TaskCompletionSource _noYoungRuns = Completed();

    /// <summary>A run (or a slice) starts: it is young until its time is up or it ends.</summary>
    public RunTurn Start() => new(this);

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private void Enter()
    {
        lock (_lock)
        {
            if (_young++ == 0) _noYoungRuns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            if (--_young == 0) _noYoungRuns.SetResult();
        }
    }

    private Task NoYoungRuns
    {
        get
        {
            lock (_lock) return _noYoungRuns.Task;
        }
    }

    /// <summary>
    /// One run's standing: young, then old once its time is up (by a timer, so a run stuck on a hanging database grows
    /// old too and holds nobody back), and out when disposed.
    /// </summary>
    internal sealed class RunTurn : IDisposable
    {
        private readonly RunPriority _priority;
        private readonly ITimer? _growOld;
        private int _young;
        private long _waitedThisPageTicks; // chunks of a page are mapped on several threads at once

        public RunTurn(RunPriority priority)
        {
            _priority = priority;
            var youngFor = priority._options.Value.YoungRunSeconds;
            if (youngFor == 0) return;
            _young = 1;
            priority.Enter();
            _growOld = priority._timeProvider.CreateTimer(static turn => ((RunTurn)turn!).GrowOld(), this, TimeSpan.FromSeconds(youngFor), Timeout.InfiniteTimeSpan);
        }

        /// <summary>Before a page: an old run gives way to young ones, up to the per-page limit, which this starts afresh.</summary>
        public Task BeforePageAsync(CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _waitedThisPageTicks, 0);
            return GiveWayAsync(cancellationToken);
        }

        /// <summary>
        /// Between rows of a page being mapped: an old run gives way to young ones with what is left of the page's limit,
        /// and in any case lets work queued behind it run, so a page mapped in one go never holds a pool thread for long.
        /// </summary>
        public async Task BetweenRowsAsync(CancellationToken cancellationToken)
        {
            if (!await GiveWayAsync(cancellationToken)) await Task.Yield();
        }

        private async Task<bool> GiveWayAsync(CancellationToken cancellationToken)
        {
            var limit = TimeSpan.FromMilliseconds(_priority._options.Value.YieldMilliseconds) - TimeSpan.FromTicks(Interlocked.Read(ref _waitedThisPageTicks));
            if (Volatile.Read(ref _young) == 1 || limit <= TimeSpan.Zero) return false;
            var youngDone = _priority.NoYoungRuns;
            if (youngDone.IsCompleted) return false;
            var started = _priority._timeProvider.GetTimestamp();
            try
            {
                await youngDone.WaitAsync(limit, _priority._timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Given way long enough: this page goes on beside them, so a stream of young runs never starves an old one.
            }
            finally
            {
                Interlocked.Add(ref _waitedThisPageTicks, _priority._timeProvider.GetElapsedTime(started).Ticks);
            }

            return true;
        }

        public void Dispose()
        {
            _growOld?.Dispose();
            GrowOld();
        }

        private void GrowOld()
        {
            if (Interlocked.Exchange(ref _young, 0) == 1) _priority.Leave();
        }
    }
}
