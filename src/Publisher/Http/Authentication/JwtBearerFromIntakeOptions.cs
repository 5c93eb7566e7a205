using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FhirSync.Publisher.Http.Authentication;

/// <summary>
/// The bearer scheme's rules from <see cref="IntakeOptions"/>: issuer metadata and JWKS from the authority (cached,
/// refetched when a token names an unknown key), the configured audience, a short clock skew, asymmetric signatures only.
/// </summary>
internal sealed class JwtBearerFromIntakeOptions(IOptions<IntakeOptions> intake, ILoggerFactory loggers) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>
    /// Asymmetric algorithms only: a token signed with <c>none</c> or with HS256 keyed by the issuer's public key (the
    /// classic key-confusion forgery) is refused before any key is tried.
    /// </summary>
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme) Configure(options);
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = intake.Value;
        var log = loggers.CreateLogger("FhirSync.Publisher.Http");
        options.Authority = settings.Authority?.ToString().TrimEnd('/');
        options.Audience = settings.Audience;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.RefreshInterval = settings.MetadataRefreshInterval;
        options.AutomaticRefreshInterval = settings.MetadataAutomaticRefreshInterval;
        options.RefreshOnIssuerKeyNotFound = true;
        // Claims keep the names the issuer gave them (client_id, roles), not WS-Federation URIs.
        options.MapInboundClaims = false;
        // The reason a token was refused stays in our log, not in the WWW-Authenticate header a prober reads.
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
            ValidAlgorithms = AsymmetricAlgorithms,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (AccessTokenCaller.From(context.Principal!) is { } caller) context.Principal!.AddIdentity(caller.ToIdentity(JwtBearerDefaults.AuthenticationScheme));
                else context.Fail("the token names no client (client_id or azp)");
                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                // The exception's type says why (expired, audience, signature, unknown key) without quoting the token.
                var reason = context.Exception.GetType();
                Log.TokenRefused(log, reason);
                return Task.CompletedTask;
            },
        };
    }
}
