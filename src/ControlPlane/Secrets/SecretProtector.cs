using System.Security.Cryptography;
using System.Text;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// AES-256-GCM for tenant secrets at rest. Stored form: <c>v1:{keyId}:{base64(nonce | ciphertext | tag)}</c>, with a
/// fresh 96-bit nonce per value and the tenant id and key id as associated data, so a value copied to another tenant
/// or re-labelled with another key id fails to decrypt.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly string _keyId;
    private readonly byte[] _key;

    public SecretProtector(string keyId, byte[] key)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (keyId.Contains(':', StringComparison.Ordinal)) throw new ArgumentException("a key id cannot contain ':'", nameof(keyId));
        if (key is not { Length: 32 }) throw new ArgumentException("the master key must be 32 bytes (AES-256)", nameof(key));
        _keyId = keyId;
        _key = key.ToArray();
    }

    public string Protect(string tenantId, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + plain.Length + TagSize];
        nonce.CopyTo(sealedValue, 0);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), AssociatedData(tenantId, _keyId));
        return $"v1:{_keyId}:{Convert.ToBase64String(sealedValue)}";
    }

    /// <exception cref="SecretDecryptionException">The value is malformed, under an unknown key, or was tampered with.</exception>
    public string Unprotect(string tenantId, string stored)
    {
        var parts = stored.Split(':');
        if (parts.Length != 3 || parts[0] != "v1") throw new SecretDecryptionException(tenantId, "the stored value is not in the v1 format");
        if (parts[1] != _keyId) throw new SecretDecryptionException(tenantId, $"it was encrypted under key '{parts[1]}', which is not loaded");

        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException(tenantId, "the stored value is not valid base64");
        }

        if (sealedValue.Length < NonceSize + TagSize) throw new SecretDecryptionException(tenantId, "the stored value is truncated");
        var cipherLength = sealedValue.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, cipherLength), sealedValue.AsSpan(NonceSize + cipherLength), plain, AssociatedData(tenantId, parts[1]));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretDecryptionException(tenantId, "authentication failed (tampered, or stored for another tenant)");
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string tenantId, string keyId) => Encoding.UTF8.GetBytes($"fhirsync/v1/{tenantId}/{keyId}");
}
