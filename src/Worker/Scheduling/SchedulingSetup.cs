using FhirSync.ControlPlane.ControlDatabase;
using MassTransit.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace FhirSync.Worker.Scheduling;

internal static class SchedulingSetup
{
    /// <summary>The name every worker of one deployment shares: the cluster is the set of schedulers with this name.</summary>
    public const string SchedulerName = "fhirsync";

    /// <summary>
    /// Quartz on its clustered ADO store in the control database: tenant schedules and deferred syncs survive restarts,
    /// and each trigger fires on one worker of the cluster.
    /// </summary>
    public static IHostApplicationBuilder AddTenantSchedules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.SchedulerName = SchedulerName;
            quartz.SchedulerId = "AUTO";
            quartz.UsePersistentStore(store =>
            {
                // String-only job data: nothing but tenant ids, run ids and flags is stored, and it stays readable in the table.
                store.UseProperties = true;
                store.UseClustering();
                store.UseMySqlConnector(database => database.ConnectionString = "set from ControlDatabase:ConnectionString");
                store.UseSystemTextJsonSerializer();
            });
        });
        // The connection string is only known once configuration is complete (tests and environment variables add to it).
        builder.Services.AddOptions<QuartzOptions>().Configure<IOptions<ControlDatabaseOptions>>((quartz, controlDatabase) =>
            quartz["quartz.dataSource.default.connectionString"] = controlDatabase.Value.ConnectionString);
        builder.Services.AddQuartzHostedService(quartz =>
        {
            quartz.WaitForJobsToComplete = true;
            // Triggers that fire (overdue deferrals first of all) publish on the bus: not before it has started.
            quartz.AwaitApplicationStarted = true;
        });
        builder.Services.AddHostedService<SchedulerStandbyOnStop>();
        builder.Services.AddSingleton<DeferredSyncs>();
        builder.Services.AddSingleton<TenantSchedules>();
        builder.Services.AddHostedService<TenantScheduleRegistrar>();
        // Registered with the bus that AddSyncMessaging configures (its ConfigureEndpoints picks it up).
        builder.Services.RegisterConsumer<TenantScheduleChangedConsumer, TenantScheduleChangedConsumerDefinition>();
        return builder;
    }
}
