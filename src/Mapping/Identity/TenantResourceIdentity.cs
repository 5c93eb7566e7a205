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
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(string.Concat(resourceType, "/", key)), hash);
        return Convert.ToHexStringLower(hash[..16]);
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
