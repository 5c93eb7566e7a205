using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Watermarks;

/// <summary>Where one mapped source of a tenant resumes: the encoded position of the last acknowledged row.</summary>
public sealed record Watermark(TenantId TenantId, string ResourceType, string SourceTable, string Position, long SourceRows, Guid RunId, DateTimeOffset UpdatedAt);
