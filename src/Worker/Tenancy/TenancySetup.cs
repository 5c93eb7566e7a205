using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Tenancy;

internal static class TenancySetup
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddSingleton<TenantSourcePools>();
        return builder;
    }
}
