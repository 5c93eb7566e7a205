using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;

namespace FhirSync.Worker.Tenancy;

/// <summary>
/// One tenant resolved for one unit of work: its decrypted source connection, compiled mapping and sink.
/// A class, not a record, so no generated ToString can ever print the connection string.
/// </summary>
internal sealed class TenantContext(TenantId tenantId, string displayName, string sourceConnectionString, CompiledMapping mapping, SinkSettings sink)
{
    public TenantId TenantId { get; } = tenantId;

    public string DisplayName { get; } = displayName;

    /// <summary>Secret: passed only to the tenant's own pool, never logged.</summary>
    public string SourceConnectionString { get; } = sourceConnectionString;

    public CompiledMapping Mapping { get; } = mapping;

    public SinkSettings Sink { get; } = sink;

    public override string ToString() => TenantId.Value;
}
