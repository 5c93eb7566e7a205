using System.Security.Claims;

namespace FhirSync.Publisher.Http.Authentication;

/// <summary>
/// Who is calling, whichever way it authenticated: the tenant it acts for, its roles, and the origin its requests
/// carry. Both schemes put these claims on the principal, so authorization reads one shape.
/// </summary>
internal sealed record IntakeCaller(string Tenant, IReadOnlySet<string> Roles, string Origin)
{
    private const string TenantClaim = "fhirsync:tenant";
    private const string RoleClaim = "fhirsync:role";
    private const string OriginClaim = "fhirsync:origin";

    public bool IsAdmin => Roles.Contains(IntakeRoles.Admin);

    public ClaimsIdentity ToIdentity(string authenticationType) => new(
        [new Claim(TenantClaim, Tenant), new Claim(OriginClaim, Origin), .. Roles.Select(role => new Claim(RoleClaim, role))],
        authenticationType, TenantClaim, RoleClaim);

    /// <summary>The caller an authenticated principal carries; null when no intake scheme vouched for it.</summary>
    public static IntakeCaller? From(ClaimsPrincipal principal) =>
        principal.FindFirst(TenantClaim) is { } tenant && principal.FindFirst(OriginClaim) is { } origin
            ? new IntakeCaller(tenant.Value, principal.FindAll(RoleClaim).Select(role => role.Value).ToHashSet(StringComparer.Ordinal), origin.Value)
            : null;
}
