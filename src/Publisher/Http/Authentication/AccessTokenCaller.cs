using System.Security.Claims;
using System.Text.Json;
using FhirSync.ControlPlane.Tenants;

namespace FhirSync.Publisher.Http.Authentication;

/// <summary>Reads an <see cref="IntakeCaller"/> from a validated access token's claims, as Keycloak and RFC 9068 spell them.</summary>
internal static class AccessTokenCaller
{
    /// <summary>Null when the token names no client (neither <c>client_id</c> nor <c>azp</c>).</summary>
    public static IntakeCaller? From(ClaimsPrincipal token)
    {
        var clientId = token.FindFirst("client_id")?.Value ?? token.FindFirst("azp")?.Value;
        if (string.IsNullOrEmpty(clientId)) return null;
        var roles = token.FindAll("roles").Select(claim => claim.Value).Concat(RealmRoles(token)).ToHashSet(StringComparer.Ordinal);
        // The client id is the caller's own text: made printable before it travels in messages and the control database.
        return new IntakeCaller(clientId, roles, $"http:{TenantId.Printable(clientId)}");
    }

    /// <summary>Keycloak puts realm roles in <c>"realm_access": { "roles": [...] }</c>, which arrives as one JSON-valued claim.</summary>
    private static IEnumerable<string> RealmRoles(ClaimsPrincipal token)
    {
        if (token.FindFirst("realm_access")?.Value is not { } json) return [];
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? [.. roles.EnumerateArray().Where(role => role.ValueKind == JsonValueKind.String).Select(role => role.GetString()!)]
                : [];
        }
        catch (JsonException)
        {
            // A signed token from the trusted issuer with a malformed claim grants no realm roles; the rest still counts.
            return [];
        }
    }
}
