using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;

namespace FhirSync.Publisher.Http;

/// <summary>Cross-field rules of <see cref="IntakeOptions"/>, each failure naming its key.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        if (options.Authority is { } authority)
        {
            if (!authority.IsAbsoluteUri || authority.Scheme is not ("https" or "http"))
                failures.Add("Intake:Authority must be an absolute http(s) URL");
            else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
                failures.Add("Intake:Authority must be https (set Intake:RequireHttpsMetadata to false only for a local test provider)");
        }

        if (options.Audience is { Length: 0 }) failures.Add("Intake:Audience must not be empty");
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
            failures.Add("Intake:ClockSkew must be between 00:00:00 and 00:05:00");
        // The key set's cache refuses shorter intervals (ConfigurationManager's own minimums).
        if (options.MetadataRefreshInterval < ConfigurationManager<object>.MinimumRefreshInterval)
            failures.Add($"Intake:MetadataRefreshInterval must be at least {ConfigurationManager<object>.MinimumRefreshInterval}");
        if (options.MetadataAutomaticRefreshInterval < ConfigurationManager<object>.MinimumAutomaticRefreshInterval)
            failures.Add($"Intake:MetadataAutomaticRefreshInterval must be at least {ConfigurationManager<object>.MinimumAutomaticRefreshInterval}");
        if (options.PublishTimeout <= TimeSpan.Zero) failures.Add("Intake:PublishTimeout must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
