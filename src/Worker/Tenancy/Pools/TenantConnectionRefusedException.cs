namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>
/// A tenant's source connection is not on the tenant's own login and database, or its connection string is unusable.
/// Not retried: it needs an operator. The message names accounts and databases, never the connection string.
/// </summary>
internal sealed class TenantConnectionRefusedException(string tenantId, string reason)
    : Exception($"a source connection of tenant '{tenantId}' was refused: {reason}")
{
    public string TenantId { get; } = tenantId;
}
