using Polly;
using Polly.CircuitBreaker;

namespace FhirSync.Worker.Breakers;

/// <summary>One tenant's breaker for one dependency: its Polly pipeline, its state, and when it was last used.</summary>
internal sealed class TenantBreaker(ResiliencePipeline pipeline, CircuitBreakerStateProvider state, long lastUsed)
{
    public ResiliencePipeline Pipeline { get; } = pipeline;

    public CircuitState State => state.CircuitState;

    public bool IsOpen => State is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last run through it; read by the registry's trim.</summary>
    public long LastUsed { get; set; } = lastUsed;
}
