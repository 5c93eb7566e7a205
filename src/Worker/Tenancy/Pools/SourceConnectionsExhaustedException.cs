namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>A run waited the configured time for a source connection and got none. Transient: the run is retried.</summary>
internal sealed class SourceConnectionsExhaustedException(string tenantId, string reason)
    : Exception($"tenant '{tenantId}' got no source connection: {reason}")
{
    public string TenantId { get; } = tenantId;
}
