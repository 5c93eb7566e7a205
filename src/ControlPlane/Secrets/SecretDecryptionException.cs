namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// A stored secret could not be decrypted (malformed, tampered, stored for another tenant or purpose, or under a key
/// that is not loaded). Fails that tenant only. The message names the tenant, the secret and the problem, never the value.
/// </summary>
public sealed class SecretDecryptionException(string tenantId, string reason, SecretPurpose purpose = SecretPurpose.SourceConnection)
    : Exception($"the stored {purpose.Describe()} of tenant '{tenantId}' cannot be decrypted: {reason}")
{
    public string TenantId { get; } = tenantId;

    public SecretPurpose Purpose { get; } = purpose;
}
