using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Runs;

internal static class RunsSetup
{
    public static IHostApplicationBuilder AddSyncRuns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantRunGate>();
        builder.Services.AddSingleton<RunWatermarks>();
        builder.Services.AddSingleton<SourceReconciler>();
        builder.Services.AddSingleton<RunPriority>();
        builder.Services.AddSingleton<TenantSyncRunner>();
        // Registered with the bus that AddSyncMessaging configures (its ConfigureEndpoints picks it up), so this stage owns its consumer.
        builder.Services.RegisterConsumer<ReconcileRequestedConsumer, ReconcileRequestedConsumerDefinition>();
        return builder;
    }
}
