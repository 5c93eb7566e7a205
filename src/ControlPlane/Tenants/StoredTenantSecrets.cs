namespace FhirSync.ControlPlane.Tenants;

/// <summary>A tenant's encrypted columns as stored, and nothing else: what key rotation reads and compare-and-swaps.</summary>
public sealed record StoredTenantSecrets(TenantId TenantId, string EncryptedSourceConnection, string? EncryptedSinkCredentials);
