namespace FhirSync.ControlPlane.Tenants;

/// <summary>A tenant's downstream store is, or lies inside, another tenant's: refused, each tenant's store is its own.</summary>
public sealed class SinkAlreadyUsedException(string tenantId, string otherTenantId)
    : InvalidOperationException($"tenant '{tenantId}' cannot use this sink: it is, or overlaps, the store of tenant '{otherTenantId}'; each tenant needs its own folder or FHIR base")
{
    public string TenantId { get; } = tenantId;
}
