using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FhirSync.Publisher.Http.Authentication;

/// <summary>
/// Runs after the bearer scheme built its metadata cache: turns off its "last known good" fallback, which would
/// otherwise keep accepting tokens of a key the issuer removed (for an hour) whenever the current key set refuses them.
/// </summary>
internal sealed class RemovedKeysRefused : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        if (options.ConfigurationManager is BaseConfigurationManager cache) cache.UseLastKnownGoodConfiguration = false;
    }
}
