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

        public RunTurn(RunPriority priority)
        {
            _priority = priority;
            var youngFor = priority._options.Value.YoungRunSeconds;
            if (youngFor == 0) return;
            _young = 1;
            priority.Enter();
            _growOld = priority._timeProvider.CreateTimer(static turn => ((RunTurn)turn!).GrowOld(), this, TimeSpan.FromSeconds(youngFor), Timeout.InfiniteTimeSpan);
        }

        /// <summary>Before a page: an old run gives way to young ones, up to the per-page limit.</summary>
        public async Task BeforePageAsync(CancellationToken cancellationToken)
        {
            var wait = _priority._options.Value.YieldMilliseconds;
            if (Volatile.Read(ref _young) == 1 || wait == 0) return;
            var youngDone = _priority.NoYoungRuns;
            if (youngDone.IsCompleted) return;
            try
            {
                await youngDone.WaitAsync(TimeSpan.FromMilliseconds(wait), _priority._timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Given way long enough: this page goes on beside them, so a stream of young runs never starves an old one.
            }
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
