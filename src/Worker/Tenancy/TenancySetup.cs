using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Tenancy;

internal static class TenancySetup
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SourcePoolOptions>().BindConfiguration(SourcePoolOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TenantCacheOptions>().BindConfiguration(TenantCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantConfigCache>();
        builder.Services.AddSingleton<TenantResolver>();
        builder.Services.AddSingleton<TenantSourcePools>();
        builder.Services.AddHostedService<SourcePoolEviction>();
        return builder;
    }
}
