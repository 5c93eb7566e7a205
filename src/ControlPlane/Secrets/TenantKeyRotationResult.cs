using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>What key rotation did with one tenant.</summary>
public enum TenantKeyRotationStatus
{
    /// <summary>At least one of its secrets was re-encrypted under the current key.</summary>
    Rotated,

    /// <summary>Every secret was already under the current key (and decrypts); nothing was written.</summary>
    AlreadyCurrent,

    /// <summary>A secret does not decrypt, or kept changing under the rotation; nothing was written.</summary>
    Failed,

    /// <summary>The tenant was removed while the rotation ran.</summary>
    Removed,
}

/// <summary>One tenant's outcome. <see cref="Detail"/> names keys and problems, never a secret.</summary>
public sealed record TenantKeyRotationResult(TenantId TenantId, TenantKeyRotationStatus Status, string Detail);
