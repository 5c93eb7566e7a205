using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FhirSync.Publisher.Dashboard;

/// <summary>The page, its script and styles (all served here: no CDN, no web font), and the status it polls.</summary>
internal static class DashboardEndpoints
{
    /// <summary>Only this app's own script and styles may run or apply, and the page may not be framed.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapDashboard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context);
        });
        app.MapGet("/", () => Results.Text(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => Results.Text(DashboardScript.Source, "text/javascript; charset=utf-8"));
        app.MapGet("/dashboard.css", () => Results.Text(DashboardStyles.Source, "text/css; charset=utf-8"));
        app.MapGet("/api/status", async (DashboardStatusReader reader, CancellationToken cancellationToken) => Results.Json(await reader.ReadAsync(cancellationToken)));
        return app;
    }
}
