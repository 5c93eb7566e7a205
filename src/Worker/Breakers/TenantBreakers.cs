using System.Collections.Concurrent;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Consumers;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace FhirSync.Worker.Breakers;

/// <summary>
/// Every tenant's source and sink breakers, created on first use and bounded in number. A run goes through both: a
/// transient source failure (database down or hanging) counts against the tenant's source breaker, a transient sink
/// failure (5xx, 429, timeout, unreachable) against its sink breaker; permanent failures (a broken mapping) open
/// neither, since retrying later would not help. An open breaker refuses the tenant's runs at once, so they are
/// deferred instead of holding a worker slot while the dependency times out.
/// </summary>
internal sealed class TenantBreakers(IOptions<BreakerOptions> options, TimeProvider timeProvider, ILogger<TenantBreakers> logger,
    BreakerStateRecorder? recorder = null)
{
    private readonly ConcurrentDictionary<TenantBreakerKey, TenantBreaker> _breakers = new();
    private readonly BreakerOptions _options = options.Value;

    public int Count => _breakers.Count;

    /// <summary>The breaker's state, or null if the tenant has none now (never failed, or forgotten while closed).</summary>
    public CircuitState? StateOf(TenantId tenant, TenantDependency dependency) =>
        _breakers.TryGetValue(new(tenant, dependency), out var breaker) ? breaker.State : null;

    /// <summary>Every tracked breaker and whether it refuses runs now, for the metrics.</summary>
    public IEnumerable<(TenantBreakerKey Key, bool IsOpen)> Snapshot() => _breakers.Select(b => (b.Key, b.Value.IsOpen));

    /// <exception cref="TenantBreakerOpenException">One of the tenant's breakers is open; <paramref name="run"/> did not start.</exception>
    public async Task<T> ExecuteAsync<T>(TenantId tenant, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        var source = BreakerFor(new(tenant, TenantDependency.Source));
        var sink = BreakerFor(new(tenant, TenantDependency.Sink));
        // An open breaker goes outside, so its refusal comes before the other breaker sees anything: inside, the refusal
        // would count as a success of the outer one. A run that gets through goes through both.
        var (outer, inner) = sink.IsOpen && !source.IsOpen ? (sink, source) : (source, sink);
        try
        {
            return await outer.Pipeline.ExecuteAsync(
                async (through, token) => await through.Pipeline.ExecuteAsync(async innerToken => await run(innerToken), token), inner, cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            var refused = outer.IsOpen ? outer : inner;
            throw new TenantBreakerOpenException(tenant.Value, refused == sink ? TenantDependency.Sink : TenantDependency.Source, open.RetryAfter, open);
        }
        finally
        {
            Trim();
        }
    }

    private TenantBreaker BreakerFor(TenantBreakerKey key)
    {
        var breaker = _breakers.GetOrAdd(key, Create);
        breaker.LastUsed = timeProvider.GetTimestamp();
        return breaker;
    }

    private TenantBreaker Create(TenantBreakerKey key)
    {
        var state = new CircuitBreakerStateProvider();
        var tenant = key.Tenant.Value;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.FailureRatio,
                MinimumThroughput = _options.MinimumThroughput,
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = state,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } failure && IsFailureOf(key.Dependency, failure)),
                OnOpened = arguments =>
                {
                    BreakerLog.Opened(logger, tenant, key.Dependency, arguments.BreakDuration.TotalSeconds);
                    recorder?.Changed(key, CircuitState.Open);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    BreakerLog.HalfOpened(logger, tenant, key.Dependency);
                    recorder?.Changed(key, CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    BreakerLog.Closed(logger, tenant, key.Dependency);
                    recorder?.Changed(key, CircuitState.Closed);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return new TenantBreaker(pipeline, state, timeProvider.GetTimestamp());
    }

    /// <summary>
    /// Transient failures of that dependency only. An exhausted global connection budget, or another run of the tenant
    /// holding its folder, is FhirSync's own state, not the tenant's database or store, and must not open a breaker.
    /// </summary>
    private static bool IsFailureOf(TenantDependency dependency, Exception failure) =>
        !FailureClassifier.IsPermanent(failure) && failure is not (SourceConnectionsExhaustedException or Sinks.SinkBusyException)
        && FailureClassifier.StageOf(failure) == dependency switch
        {
            TenantDependency.Source => "source",
            _ => "sink",
        };

    /// <summary>Keeps the registry bounded: past the limit, the least recently used closed breakers go (an open one keeps its state).</summary>
    private void Trim()
    {
        var excess = _breakers.Count - _options.MaxTracked;
        if (excess <= 0) return;
        foreach (var (key, breaker) in _breakers.Where(b => b.Value.State == CircuitState.Closed).OrderBy(b => b.Value.LastUsed).Take(excess).ToList())
            _breakers.TryRemove(new KeyValuePair<TenantBreakerKey, TenantBreaker>(key, breaker));
    }
}
