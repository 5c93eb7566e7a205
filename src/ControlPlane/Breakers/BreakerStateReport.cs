using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Breakers;

/// <summary>What one worker last saw of one of a tenant's breakers: <see cref="BreakerStates"/> for a dependency ("source" or "sink").</summary>
public sealed record BreakerStateReport(TenantId TenantId, string Dependency, string Worker, string State, DateTimeOffset ChangedAt);
