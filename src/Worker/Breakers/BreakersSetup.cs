using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Breakers;

internal static class BreakersSetup
{
    public static IHostApplicationBuilder AddTenantBreakers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BreakerOptions>().BindConfiguration(BreakerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BreakerStateRecorder>();
        builder.Services.AddSingleton<TenantBreakers>();
        return builder;
    }
}
