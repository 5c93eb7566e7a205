using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

namespace FhirSync.ControlPlane.ApiKeys;

/// <summary>
/// API keys for a tenant's machine clients. A key is <c>fsk_{keyId}_{secret}</c>: 12 hex characters to find it by and
/// 256 random bits; only SHA-256 of the whole key is stored (a slow hash buys nothing for 256 random bits), and a
/// presented key is compared in constant time. A key names no tenant; the registry says whose it is.
/// </summary>
public sealed partial class TenantApiKeys(MySqlDataSource controlDatabase, TimeProvider timeProvider)
{
    public async Task<IssuedApiKey> IssueAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"fsk_{keyId}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "INSERT INTO tenant_api_keys (key_id, tenant_id, key_hash, created_at) VALUES (@keyId, @tenant, @hash, @now)", connection);
        command.Parameters.AddWithValue("@keyId", keyId);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@hash", Hash(key));
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new IssuedApiKey(keyId, key);
    }

    /// <summary>The tenant a presented key belongs to, or null when it is malformed, unknown, revoked or its tenant is disabled.</summary>
    public async Task<TenantId?> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (presented is null || KeyFormat().Match(presented) is not { Success: true } match) return null;
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("""
            SELECT k.tenant_id, k.key_hash FROM tenant_api_keys k JOIN tenants t ON t.tenant_id = k.tenant_id
            WHERE k.key_id = @keyId AND k.revoked_at IS NULL AND t.enabled
            """, connection);
        command.Parameters.AddWithValue("@keyId", match.Groups["id"].Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var stored = (byte[])reader.GetValue(1);
        return CryptographicOperations.FixedTimeEquals(stored, Hash(presented)) ? TenantId.Parse(reader.GetString(0)) : null;
    }

    /// <summary>Revokes a key by its id; false when no live key of that tenant has it.</summary>
    public async Task<bool> RevokeAsync(TenantId tenantId, string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await controlDatabase.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "UPDATE tenant_api_keys SET revoked_at = @now WHERE key_id = @keyId AND tenant_id = @tenant AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("@keyId", keyId);
        command.Parameters.AddWithValue("@tenant", tenantId.Value);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [GeneratedRegex(@"^fsk_(?<id>[0-9a-f]{12})_[A-Za-z0-9_-]{43}\z")]
    private static partial Regex KeyFormat();
}
