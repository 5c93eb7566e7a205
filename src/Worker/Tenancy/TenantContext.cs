using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;

namespace FhirSync.Worker.Tenancy;

/// <summary>
/// One tenant resolved for one unit of work: its decrypted source connection and sink token, compiled mapping and sink.
/// A class, not a record, so no generated ToString can ever print a secret.
/// </summary>
internal sealed class TenantContext(TenantId tenantId, string displayName, string sourceConnectionString, CompiledMapping mapping, SinkSettings sink, string? sinkToken)
{
    public TenantId TenantId { get; } = tenantId;

    public string DisplayName { get; } = displayName;

    /// <summary>Secret: passed only to the tenant's own pool, never logged.</summary>
    public string SourceConnectionString { get; } = sourceConnectionString;

    public CompiledMapping Mapping { get; } = mapping;

    public SinkSettings Sink { get; } = sink;

    /// <summary>Secret: the bearer token of the tenant's FHIR store, sent only there, never logged; null when it needs none.</summary>
    public string? SinkToken { get; } = sinkToken;

    public override string ToString() => TenantId.Value;
}
