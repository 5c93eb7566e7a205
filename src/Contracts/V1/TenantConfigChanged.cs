using MassTransit;

namespace FhirSync.Contracts.V1;

/// <summary>
/// An operator changed a tenant's configuration. Every worker instance drops its cached copy of that tenant (and its
/// source pool) at once instead of waiting for the cache's time to live.
/// </summary>
/// <remarks>JSON example: <c>docs/contracts.md#tenantconfigchanged</c>.</remarks>
[MessageUrn("fhirsync:v1:tenant-config-changed")]
[EntityName("fhirsync.v1.tenant-config-changed")]
public sealed record TenantConfigChanged
{
    /// <summary>The tenant whose configuration changed.</summary>
    public required string TenantId { get; init; }

    /// <summary>What changed: <c>added</c>, <c>updated</c>, <c>disabled</c>, <c>enabled</c>, <c>removed</c> or <c>keys-rotated</c>.</summary>
    public required string Change { get; init; }

    /// <summary>When the change was stored.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}
