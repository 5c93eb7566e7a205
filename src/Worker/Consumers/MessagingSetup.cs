using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using FhirSync.Worker.Hosting;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

internal static class MessagingSetup
{
    /// <summary>Queue names are prefixed so FhirSync's queues stand out on a shared broker's dashboard.</summary>
    public static readonly IEndpointNameFormatter EndpointNames = new KebabCaseEndpointNameFormatter("fhirsync", false);

    public static IHostApplicationBuilder AddSyncMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Start returns only once the queues and bindings exist, so nothing published right after start is lost.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IOptions<MessagingOptions>>((host, messaging) =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(messaging.Value.StopTimeoutSeconds);
        });
        builder.Services.AddSingleton<RunDeferral>();
        builder.Services.AddSingleton<RequestChecks>();
        builder.Services.AddSingleton<TenantRunHandler>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(EndpointNames);
            bus.AddConsumer<SyncRequestedConsumer, SyncRequestedConsumerDefinition>();
            bus.AddConsumer<ScheduledSyncRequestedConsumer, ScheduledSyncRequestedConsumerDefinition>();
            bus.AddConsumer<IntakeSyncRequestedConsumer, IntakeSyncRequestedConsumerDefinition>();
            // One temporary queue per worker: every instance must hear every change, not compete for it.
            var instanceId = WorkerInstance.NewId();
            bus.AddConsumer<TenantConfigChangedConsumer>().Endpoint(endpoint =>
            {
                endpoint.Temporary = true;
                endpoint.InstanceId = instanceId;
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(context.GetRequiredService<IOptions<MessagingOptions>>().Value.Url);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
