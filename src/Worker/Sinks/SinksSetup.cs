using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Sinks;

internal static class SinksSetup
{
    public static IHostApplicationBuilder AddSinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SinkOptions>().BindConfiguration(SinkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(ResourceSinkFactory.FhirHttpClient, (services, client) =>
                client.Timeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<SinkOptions>>().Value.FhirRequestTimeoutSeconds))
            // Already the default since .NET 9, stated so no later RedactLoggedHeaders call can un-redact a tenant's bearer token in trace logs.
            .RedactLoggedHeaders(_ => true);
        builder.Services.AddSingleton<ResourceSinkFactory>();
        return builder;
    }
}
