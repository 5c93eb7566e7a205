using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FhirSync.Mapping.Identity;

/// <summary>
/// Deterministic, tenant-salted resource ids and tenant-scoped identifier systems.
/// The same row always yields the same id, so a redelivered page rewrites rather than duplicates;
/// the id is a keyed hash, so it carries no PHI even where the source key is a medical record number.
/// </summary>
public sealed class TenantResourceIdentity
{
    private readonly byte[] _salt;
    // The last identity's keyed hash on this thread: a thread maps a page of one tenant at a time, so it is rarely rebuilt.
    [ThreadStatic] private static TenantResourceIdentity? t_hmacOwner;
    [ThreadStatic] private static IncrementalHash? t_hmac;

    /// <param name="tenantId">The tenant's id, used in identifier systems.</param>
    /// <param name="idSalt">The tenant's secret salt (at least 16 bytes); it never changes for a tenant.</param>
    public TenantResourceIdentity(string tenantId, byte[] idSalt)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(idSalt);
        if (idSalt.Length < 16) throw new ArgumentException("the id salt must be at least 16 bytes", nameof(idSalt));
        TenantId = tenantId;
        _salt = idSalt.ToArray();
    }

    /// <summary>The tenant these ids belong to.</summary>
    public string TenantId { get; }

    /// <summary>The FHIR id of the <paramref name="resourceType"/> made from the row with <paramref name="key"/>.</summary>
    public string ResourceId(string resourceType, string key)
    {
        var length = Encoding.UTF8.GetMaxByteCount(resourceType.Length + 1 + key.Length);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> input = rented is null ? stackalloc byte[512] : rented;
            var written = Encoding.UTF8.GetBytes(resourceType, input);
            input[written++] = (byte)'/';
            written += Encoding.UTF8.GetBytes(key, input[written..]);
            Span<byte> hash = stackalloc byte[32];
            // Setting the key up again for every id cost more than the hash itself.
            var hmac = KeyedHash();
            hmac.AppendData(input[..written]);
            hmac.GetHashAndReset(hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private IncrementalHash KeyedHash()
    {
        if (ReferenceEquals(t_hmacOwner, this) && t_hmac is { } hmac) return hmac;
        t_hmac?.Dispose();
        t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _salt);
        t_hmacOwner = this;
        return t_hmac;
    }

    /// <summary>The identifier system that scopes a source table's keys to this tenant.</summary>
    public string IdentifierSystem(string table) => $"urn:fhirsync:{TenantId}:{table}";

    /// <summary>Formats key column values as one key: invariant text joined by '|', with '\' and '|' escaped.</summary>
    public static string FormatKey(ReadOnlySpan<object?> keyValues)
    {
        if (keyValues.Length == 1) return FormatPart(keyValues[0]);
        var builder = new StringBuilder();
        for (var i = 0; i < keyValues.Length; i++)
        {
            if (i > 0) builder.Append('|');
            builder.Append(FormatPart(keyValues[i]).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private static string FormatPart(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string text => text,
        DateTime dateTime => dateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
