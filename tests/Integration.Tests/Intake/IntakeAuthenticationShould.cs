using System.Net;
using System.Security.Cryptography;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// Every way in that is not a valid token from the configured issuer, or a live API key, is 401, and nothing is
/// published or recorded. Where a real provider would never issue the token (expired, foreign key, alg none, another
/// issuer), the test crafts it, with the provider's real key material where the attack needs it.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IntakeAuthenticationShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task RefuseARequestWithoutCredentials()
    {
        using var http = Intake.Http();

        using var response = await http.PostSyncAsync(Intake.TenantA);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task RefuseARealTokenIssuedForAnotherAudience()
    {
        var token = await Intake.Provider.TokenAsync(Intake.ClientA, OidcTestProvider.OtherAudience);

        await AssertUnauthorizedAsync(token);
    }

    [Fact]
    public async Task RefuseATokenSignedWithAForeignKeyUnderTheRealKid()
    {
        using var foreign = SigningKey.Rsa(Intake.SigningKey.Kid);

        await AssertUnauthorizedAsync(foreign.Sign(Claims(Intake.ClientA.ClientId)));
    }

    [Fact]
    public async Task RefuseAnExpiredTokenSignedWithTheRealKey()
    {
        var expired = Claims(Intake.ClientA.ClientId, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5));

        await AssertUnauthorizedAsync(Intake.SigningKey.Sign(expired));
    }

    [Fact]
    public async Task RefuseATokenOfAnotherIssuerSignedWithTheRealKey()
    {
        await AssertUnauthorizedAsync(Intake.SigningKey.Sign(Claims(Intake.ClientA.ClientId, issuer: "https://attacker.example")));
    }

    [Fact]
    public async Task RefuseAnUnsignedTokenWithAlgNone()
    {
        var unsigned = Jws.Compact(new { alg = "none", typ = "JWT" }, Claims(Intake.Admin.ClientId), _ => []);

        await AssertUnauthorizedAsync(unsigned);
    }

    [Fact]
    public async Task RefuseAnHs256TokenKeyedWithTheIssuersPublicKey()
    {
        // The key-confusion forgery: anyone can read the public key from the JWKS and use it as an HMAC secret.
        var forged = Jws.Compact(new { alg = "HS256", typ = "JWT", kid = Intake.SigningKey.Kid }, Claims(Intake.Admin.ClientId),
            input => HMACSHA256.HashData(Intake.SigningKey.PublicKeyPem, input));

        await AssertUnauthorizedAsync(forged);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task RefuseGarbageInTheBearerHeader(string token) => await AssertUnauthorizedAsync(token);

    [Theory]
    [InlineData("fsk_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    public async Task RefuseAnApiKeyThatWasNeverIssued(string apiKey)
    {
        using var http = Intake.Http(apiKey: apiKey);

        using var response = await http.PostSyncAsync(Intake.TenantA);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefuseAnApiKeyAlteredInItsSecret()
    {
        var issued = Intake.ApiKeys[Intake.TenantA];
        using var http = Intake.Http(apiKey: issued[..^1] + (issued[^1] == 'A' ? 'B' : 'A'));

        using var response = await http.PostSyncAsync(Intake.TenantA);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NeverPrintTheTokensOrKeysItWasGiven()
    {
        var token = await Intake.Provider.TokenAsync(Intake.ClientA);
        using var bearer = Intake.Http(token);
        using var keyed = Intake.Http(apiKey: Intake.ApiKeys[Intake.TenantA]);
        using var forged = Intake.Http(token[..^4] + "AAAA");

        using var accepted = await bearer.PostSyncAsync(Intake.TenantA);
        using var keyedAccepted = await keyed.PostSyncAsync(Intake.TenantA);
        using var refused = await forged.PostSyncAsync(Intake.TenantA);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, keyedAccepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The refusal's log line comes through the process's output pipe, which may lag the response.
        var output = await Eventually.ValueAsync(() => Task.FromResult(Intake.Serve.Output),
            text => text.Contains("SecurityTokenInvalidSignatureException", StringComparison.Ordinal), "serve to log the refused token's exception type");
        Assert.DoesNotContain(token.Split('.')[1], output, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2][..20], output, StringComparison.Ordinal);
        Assert.DoesNotContain(Intake.ApiKeys[Intake.TenantA].Split('_')[2], output, StringComparison.Ordinal);
        Assert.DoesNotContain(Intake.Settings["Secrets:Key"]!, output, StringComparison.Ordinal);
    }

    private async Task AssertUnauthorizedAsync(string token)
    {
        using var http = Intake.Http(token);

        using var response = await http.PostSyncAsync(Intake.TenantA);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>The claims the provider itself would put in a token for <paramref name="clientId"/>, admin roles included, so only the flaw under test is wrong.</summary>
    private Dictionary<string, object> Claims(string clientId, string? issuer = null, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = issuer ?? Intake.Provider.Issuer.ToString().TrimEnd('/'), ["aud"] = OidcTestProvider.Audience, ["sub"] = clientId, ["client_id"] = clientId,
            ["iat"] = iat.ToUnixTimeSeconds(), ["exp"] = (iat + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["roles"] = new[] { "fhir-write", "fhir-admin" },
        };
    }
}
