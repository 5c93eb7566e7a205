namespace FhirSync.Worker.Tenancy;

/// <summary>A message named a tenant that is not registered, or is disabled. Not retried.</summary>
internal sealed class UnknownTenantException(string tenantId, string reason) : Exception($"tenant '{tenantId}' {reason}")
{
    public string TenantId { get; } = tenantId;
}
