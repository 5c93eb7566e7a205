using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Usage;

internal static class UsageSetup
{
    public static IHostApplicationBuilder AddUsageMetering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UsageMeter>();
        builder.Services.AddHostedService<UsageRelay>();
        return builder;
    }
}
