using FhirSync.ControlPlane.Breakers;
using FhirSync.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace FhirSync.Worker.Breakers;

/// <summary>
/// Writes each state change of a tenant's breaker to the control database under this worker's name, for the status
/// dashboard. Best effort: the write runs beside the run, never in its way; a failed write is logged and forgotten.
/// </summary>
internal sealed class BreakerStateRecorder(BreakerStateStore store, TimeProvider timeProvider, ILogger<BreakerStateRecorder> logger)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    public void Changed(TenantBreakerKey key, CircuitState state)
    {
        // Stamped now: the store keeps the newest per breaker, so writes that finish out of order still end right.
        var report = new BreakerStateReport(key.Tenant, key.Dependency.ToString().ToLowerInvariant(), WorkerInstance.Current, Spelled(state), timeProvider.GetUtcNow());
        _ = Task.Run(() => WriteAsync(report));
    }

    private async Task WriteAsync(BreakerStateReport report)
    {
        try
        {
            using var timeout = new CancellationTokenSource(WriteTimeout);
            await store.RecordAsync(report, timeout.Token);
        }
        catch (Exception ex)
        {
            BreakerLog.StateNotRecorded(logger, report.TenantId.Value, report.Dependency, report.State, ex.GetType().Name);
        }
    }

    private static string Spelled(CircuitState state) => state switch
    {
        CircuitState.Open => BreakerStates.Open,
        CircuitState.HalfOpen => BreakerStates.HalfOpen,
        CircuitState.Isolated => BreakerStates.Isolated,
        _ => BreakerStates.Closed,
    };
}
