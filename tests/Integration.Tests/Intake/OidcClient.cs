namespace FhirSync.Integration.Tests.Intake;

/// <summary>A client registered at the OIDC test provider: its roles go in the <c>roles</c> claim, its realm roles in Keycloak's <c>realm_access.roles</c>.</summary>
internal sealed record OidcClient(string ClientId, string[] Roles, string[]? RealmRoles = null)
{
    public string ClientSecret { get; } = Guid.NewGuid().ToString("N");
}
