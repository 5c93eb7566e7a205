using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Runs;

internal static class RunsSetup
{
    public static IHostApplicationBuilder AddSyncRuns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RunWatermarks>();
        builder.Services.AddSingleton<TenantSyncRunner>();
        return builder;
    }
}
