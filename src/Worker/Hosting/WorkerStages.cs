using FhirSync.ControlPlane;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Consumers;
using FhirSync.Worker.Extraction;
using FhirSync.Worker.Monitoring;
using FhirSync.Worker.Runs;
using FhirSync.Worker.Scheduling;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Hosting;

internal static class WorkerStages
{
    /// <summary>The stages of a sync, in the order data flows through them. Used by Program and by the tests' hosts.</summary>
    public static IHostApplicationBuilder AddWorkerStages(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("FHIRSYNC_");
        return builder
            .AddControlPlane()
            .AddMonitoring() // early: its listener answers liveness (and not-ready) while the bus starts
            .AddTenantSchedules()
            .AddSyncMessaging()
            .AddTenancy()
            .AddTenantBreakers()
            .AddExtraction()
            .AddSinks()
            .AddUsageMetering()
            .AddSyncRuns();
    }
}
