namespace FhirSync.Worker.Breakers;

/// <summary>What a tenant's run depends on, each with its own breaker.</summary>
public enum TenantDependency
{
    /// <summary>The tenant's source database.</summary>
    Source,

    /// <summary>The tenant's downstream store.</summary>
    Sink,
}
