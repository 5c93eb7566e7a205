using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// AES-256-GCM for tenant secrets at rest, over a key ring: one current key that encrypts, and any number of previous
/// keys that still decrypt, so keys can rotate while every stored value stays readable. Stored form:
/// <c>v1:{keyId}:{base64(nonce | ciphertext | tag)}</c>, with a fresh 96-bit nonce per value and
/// <c>fhirsync/v1/{tenantId}/{keyId}</c> (plus a suffix per <see cref="SecretPurpose"/>) as associated data, so a value
/// copied to another tenant or another column, or re-labelled with another key id, fails to decrypt.
/// </summary>
public sealed partial class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>A ring of one key: it encrypts and decrypts.</summary>
    public SecretProtector(string keyId, byte[] key)
        : this(keyId, key, new Dictionary<string, byte[]>())
    {
    }

    /// <summary>A ring whose current key encrypts and decrypts, and whose previous keys only decrypt.</summary>
    public SecretProtector(string currentKeyId, byte[] currentKey, IReadOnlyDictionary<string, byte[]> previousKeys)
    {
        ArgumentNullException.ThrowIfNull(previousKeys);
        Load(currentKeyId, currentKey);
        foreach (var (keyId, key) in previousKeys) Load(keyId, key);
        CurrentKeyId = currentKeyId;
    }

    /// <summary>The id of the key every new value is encrypted under.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The ids of every loaded key, current and previous (never the keys).</summary>
    public IReadOnlyCollection<string> LoadedKeyIds => _keys.Keys;

    /// <summary>A key id is 1 to 32 letters, digits, '.', '_' or '-': it sits between ':' in the stored form and between '/' in the associated data.</summary>
    public static bool IsValidKeyId(string? keyId) => keyId is not null && KeyIdPattern().IsMatch(keyId);

    /// <summary>The key id a stored value names, or null when the value is not in the v1 format. Reads the label only; proves nothing.</summary>
    public static string? KeyIdOf(string stored)
    {
        var parts = stored.Split(':');
        return parts.Length == 3 && parts[0] == "v1" ? parts[1] : null;
    }

    /// <summary>Whether a stored value is labelled with the current key, so rotation can leave it as it is. Does not decrypt it.</summary>
    public bool IsUnderCurrentKey(string stored) => KeyIdOf(stored) == CurrentKeyId;

    /// <summary>Encrypts under the current key, with a fresh nonce.</summary>
    public string Protect(string tenantId, string plaintext, SecretPurpose purpose = SecretPurpose.SourceConnection)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + plain.Length + TagSize];
        nonce.CopyTo(sealedValue, 0);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), AssociatedData(tenantId, CurrentKeyId, purpose));
        return $"v1:{CurrentKeyId}:{Convert.ToBase64String(sealedValue)}";
    }

    /// <summary>Decrypts a value stored under any loaded key, current or previous.</summary>
    /// <exception cref="SecretDecryptionException">The value is malformed, under a key that is not loaded, or was tampered with.</exception>
    public string Unprotect(string tenantId, string stored, SecretPurpose purpose = SecretPurpose.SourceConnection)
    {
        var parts = stored.Split(':');
        if (parts.Length != 3 || parts[0] != "v1") throw new SecretDecryptionException(tenantId, "the stored value is not in the v1 format", purpose);
        if (!_keys.TryGetValue(parts[1], out var key))
        {
            // The label is echoed only when it is a well-formed key id; otherwise it could be any part of the value.
            var label = IsValidKeyId(parts[1]) ? $"key '{parts[1]}'" : "a malformed key id";
            throw new SecretDecryptionException(tenantId, $"it was encrypted under {label}, which is not loaded (loaded: {string.Join(", ", _keys.Keys)})", purpose);
        }

        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new SecretDecryptionException(tenantId, "the stored value is not valid base64", purpose);
        }

        if (sealedValue.Length < NonceSize + TagSize) throw new SecretDecryptionException(tenantId, "the stored value is truncated", purpose);
        var cipherLength = sealedValue.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, cipherLength), sealedValue.AsSpan(NonceSize + cipherLength), plain, AssociatedData(tenantId, parts[1], purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretDecryptionException(tenantId, "authentication failed (tampered, or stored for another tenant or purpose)", purpose);
        }

        return Encoding.UTF8.GetString(plain);
    }

    private void Load(string keyId, byte[] key)
    {
        if (!IsValidKeyId(keyId)) throw new ArgumentException("a key id is 1 to 32 letters, digits, '.', '_' or '-'", nameof(keyId));
        if (key is not { Length: 32 }) throw new ArgumentException($"key '{keyId}' must be 32 bytes (AES-256)", nameof(key));
        if (!_keys.TryAdd(keyId, key.ToArray())) throw new ArgumentException($"key id '{keyId}' is loaded twice", nameof(keyId));
    }

    /// <summary>Unambiguous because neither a tenant id nor a key id can contain '/'.</summary>
    private static byte[] AssociatedData(string tenantId, string keyId, SecretPurpose purpose)
    {
        if (!TenantId.TryParse(tenantId, out _)) throw new ArgumentException("not a valid tenant id", nameof(tenantId));
        return Encoding.UTF8.GetBytes($"fhirsync/v1/{tenantId}/{keyId}{purpose.AssociatedDataSuffix()}");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
