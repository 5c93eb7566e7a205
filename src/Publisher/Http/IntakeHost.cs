using FhirSync.ControlPlane;
using FhirSync.Publisher.Commands;
using FhirSync.Publisher.Http.Authentication;
using FhirSync.Publisher.Http.Syncs;
using FhirSync.Publisher.Http.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FhirSync.Publisher.Http;

/// <summary>The HTTP intake, composed in the order a request meets it: problems, authentication, authorization, endpoints.</summary>
internal static class IntakeHost
{
    /// <summary>Requests are a few hundred bytes; anything much larger is refused (413) before it is read.</summary>
    private const long MaxRequestBodyBytes = 64 * 1024;

    public static async Task<WebApplication> BuildAsync(string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddPublisherServices();
        builder.Logging.AddFilter("FhirSync", LogLevel.Information).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information)
            // Data protection (unused: no cookies) warns about its unencrypted key ring at every start.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.UseUrls(urls).ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        builder.AddIntakeAuthentication();
        builder.AddIntakeBus();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<RequestSyncEndpoint>();

        var app = builder.Build();
        await app.MigrateControlDatabaseAsync(cancellationToken);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseIntakeCallMetering();
        app.MapSyncEndpoints();
        app.MapUsageEndpoints();
        return app;
    }
}
