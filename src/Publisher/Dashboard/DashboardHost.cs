using System.Net;
using FhirSync.ControlPlane;
using FhirSync.ControlPlane.Secrets;
using FhirSync.Publisher.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Dashboard;

/// <summary>The operators' status page: the Publisher's services and configuration, on Kestrel like <c>fhirsync serve</c>.</summary>
internal static class DashboardHost
{
    public static async Task<WebApplication> BuildAsync(string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddPublisherServices();
        // The dashboard decrypts nothing, so it does not ask for the master key that every other command loads at start.
        builder.Services.RemoveAll<IValidateOptions<SecretsOptions>>();
        builder.Logging.AddFilter("FhirSync", LogLevel.Information).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.WebHost.UseUrls(urls).ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddDashboard();

        var app = builder.Build();
        await app.MigrateControlDatabaseAsync(cancellationToken);
        if (!OnLoopbackOnly(urls)) Log.BeyondLoopback(app.Logger, urls);
        app.UseExceptionHandler(failed => failed.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        }));
        app.MapDashboard();
        return app;
    }

    private static bool OnLoopbackOnly(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))));
}
