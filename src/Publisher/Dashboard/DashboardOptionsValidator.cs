using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Dashboard;

/// <summary>Keeps the chart drawable: a window of at most <see cref="MaxBuckets"/> buckets.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public const int MaxBuckets = 5_000;

    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.UsageWindow / options.UsageBucket > MaxBuckets
            ? ValidateOptionsResult.Fail($"Dashboard:UsageWindow / Dashboard:UsageBucket must be at most {MaxBuckets} buckets")
            : ValidateOptionsResult.Success;
}
