using System.Security.Claims;
using System.Text.Encodings.Web;
using FhirSync.ControlPlane.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Http.Authentication;

/// <summary>
/// A tenant API key from onboarding, in <c>X-Api-Key</c>: its tenant is the one the registry holds it for, and it
/// may request and read that tenant's syncs only (write and read, never admin).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TenantApiKeys apiKeys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        var presented = values.Count == 1 ? values[0] : null;
        if (await apiKeys.VerifyAsync(presented, Context.RequestAborted) is not { } tenantId)
            return AuthenticateResult.Fail("the API key is malformed, unknown, revoked, or its tenant is disabled");

        // A verified key has the fsk_{keyId}_{secret} shape; the key id (never the secret) names the origin.
        var keyId = presented!.Split('_')[1];
        var caller = new IntakeCaller(tenantId.Value, new HashSet<string>([IntakeRoles.Write, IntakeRoles.Read], StringComparer.Ordinal), $"api-key:{keyId}");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(caller.ToIdentity(SchemeName)), SchemeName));
    }
}
