using FhirSync.ControlPlane;
using FhirSync.ControlPlane.Secrets;
using FhirSync.Publisher.Onboarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FhirSync.Publisher.Commands;

/// <summary>The services a command needs, configured like the worker (appsettings.json, then FHIRSYNC_ variables).</summary>
internal static class PublisherServices
{
    public static async Task<IHost> StartAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.AddPublisherServices();
        var host = builder.Build();
        await host.MigrateControlDatabaseAsync(cancellationToken);
        return host;
    }

    /// <summary>FHIRSYNC_ variables over appsettings.json, quiet logging, the control plane and onboarding; shared by every command and <c>serve</c>.</summary>
    public static IHostApplicationBuilder AddPublisherServices(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables("FHIRSYNC_");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddControlPlane();
        builder.Services.AddSingleton<TenantOnboarding>();
        builder.Services.AddSingleton<TenantKeyRotation>();
        return builder;
    }

    public static Uri BrokerUrl(this IHost host) => host.Services.GetRequiredService<IConfiguration>().BrokerUrl();

    public static Uri BrokerUrl(this IConfiguration configuration) =>
        configuration.GetValue<Uri>("RabbitMq:Url") ?? throw new InvalidOperationException("RabbitMq:Url is not configured (set FHIRSYNC_RabbitMq__Url)");
}
