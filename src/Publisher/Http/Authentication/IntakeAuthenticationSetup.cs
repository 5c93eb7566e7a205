using FhirSync.Publisher.Http.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Http.Authentication;

internal static class IntakeAuthenticationSetup
{
    private const string CallerScheme = "IntakeCaller";

    /// <summary>
    /// Two ways in: an <c>X-Api-Key</c> header is judged as a tenant API key (and only as that), anything else as a
    /// bearer token from the configured issuer. Then the per-endpoint tenant and role rules.
    /// </summary>
    public static IHostApplicationBuilder AddIntakeAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerFromIntakeOptions>();
        builder.Services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "API key or bearer token", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        // After AddJwtBearer, so it runs after the post-configuration that creates the metadata cache.
        builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, RemovedKeysRefused>();

        builder.Services.AddSingleton<IAuthorizationHandler, TenantAccessHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAsProblem>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IntakePolicies.RequestSync, policy => policy.RequireAuthenticatedUser().AddRequirements(IntakePolicies.RequestSyncAccess))
            .AddPolicy(IntakePolicies.ReadRun, policy => policy.RequireAuthenticatedUser().AddRequirements(IntakePolicies.ReadRunAccess));
        return builder;
    }
}
