using FhirSync.ControlPlane.Tenants;

namespace FhirSync.Worker.Breakers;

/// <summary>A breaker's identity: typed, so no tenant id can collide with another's breaker.</summary>
internal readonly record struct TenantBreakerKey(TenantId Tenant, TenantDependency Dependency);
