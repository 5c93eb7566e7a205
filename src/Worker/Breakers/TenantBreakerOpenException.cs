namespace FhirSync.Worker.Breakers;

/// <summary>A tenant's run was refused because its source or sink breaker is open: deferred, not failed.</summary>
internal sealed class TenantBreakerOpenException(string tenantId, TenantDependency dependency, TimeSpan? retryAfter, Exception inner)
    : Exception($"the {dependency.ToString().ToLowerInvariant()} breaker of tenant '{tenantId}' is open after repeated failures", inner)
{
    public TenantDependency Dependency { get; } = dependency;

    /// <summary>When the breaker will let a run through to test the dependency, if Polly knows.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
