using System.Runtime.CompilerServices;
using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// Re-encrypts every tenant's stored secrets (source connection, sink credentials) that are not under the current key.
/// The previous keys stay loaded for the whole run, so every value stays readable, by this run and by the workers, until
/// it is replaced. Each tenant is written on its own, only if its columns still hold what was read; a tenant whose secret
/// does not decrypt is reported and left as it is, and the others go on.
/// </summary>
public sealed class TenantKeyRotation(TenantRegistry registry, SecretProtector secrets)
{
    /// <summary>Reads of a tenant that an operator keeps changing before the rotation gives up on it for this run.</summary>
    private const int Attempts = 3;

    public string CurrentKeyId => secrets.CurrentKeyId;

    /// <summary>Rotates the tenants one by one, in id order, yielding each outcome as soon as it is stored.</summary>
    public async IAsyncEnumerable<TenantKeyRotationResult> RotateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var stored in await registry.ListSecretsAsync(cancellationToken))
            yield return await RotateAsync(stored, cancellationToken);
    }

    private async Task<TenantKeyRotationResult> RotateAsync(StoredTenantSecrets stored, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            StoredTenantSecrets rotated;
            try
            {
                rotated = Reencrypt(stored);
            }
            catch (SecretDecryptionException failure)
            {
                return new(stored.TenantId, TenantKeyRotationStatus.Failed, failure.Message);
            }

            if (rotated == stored) return new(stored.TenantId, TenantKeyRotationStatus.AlreadyCurrent, $"under key {secrets.CurrentKeyId}");
            if (await registry.ReplaceSecretsAsync(stored, rotated, cancellationToken))
                return new(stored.TenantId, TenantKeyRotationStatus.Rotated, Moves(stored, rotated));
            if (attempt == Attempts)
                return new(stored.TenantId, TenantKeyRotationStatus.Failed, $"its secrets changed {Attempts} times while it was being rotated; run the rotation again");

            // Someone stored new values meanwhile (an operator re-adding the tenant): judge those instead.
            if (await registry.FindSecretsAsync(stored.TenantId, cancellationToken) is not { } current)
                return new(stored.TenantId, TenantKeyRotationStatus.Removed, "removed while the rotation ran");
            stored = current;
        }
    }

    private StoredTenantSecrets Reencrypt(StoredTenantSecrets stored) => stored with
    {
        EncryptedSourceConnection = Reencrypt(stored.TenantId, stored.EncryptedSourceConnection, SecretPurpose.SourceConnection),
        EncryptedSinkCredentials = stored.EncryptedSinkCredentials is { } sink ? Reencrypt(stored.TenantId, sink, SecretPurpose.SinkCredentials) : null,
    };

    /// <summary>Every value is decrypted, even one already under the current key, so a tampered value is found now rather than by a sync.</summary>
    private string Reencrypt(TenantId tenantId, string stored, SecretPurpose purpose)
    {
        var plaintext = secrets.Unprotect(tenantId.Value, stored, purpose);
        return secrets.IsUnderCurrentKey(stored) ? stored : secrets.Protect(tenantId.Value, plaintext, purpose);
    }

    private string Moves(StoredTenantSecrets before, StoredTenantSecrets after)
    {
        var moves = new List<string>(2);
        if (before.EncryptedSourceConnection != after.EncryptedSourceConnection) moves.Add(Move(SecretPurpose.SourceConnection, before.EncryptedSourceConnection));
        if (before.EncryptedSinkCredentials is { } sink && sink != after.EncryptedSinkCredentials) moves.Add(Move(SecretPurpose.SinkCredentials, sink));
        return string.Join(", ", moves);
    }

    private string Move(SecretPurpose purpose, string stored) => $"{purpose.Describe()} {SecretProtector.KeyIdOf(stored)} -> {secrets.CurrentKeyId}";
}
