namespace FhirSync.ControlPlane.Secrets;

/// <summary>A stored secret could not be decrypted (tampered, wrong tenant, unknown key). Fails that tenant only.</summary>
public sealed class SecretDecryptionException(string tenantId, string reason)
    : Exception($"the stored secret of tenant '{tenantId}' cannot be decrypted: {reason}")
{
    public string TenantId { get; } = tenantId;
}
