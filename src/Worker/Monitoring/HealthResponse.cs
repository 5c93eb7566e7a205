using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FhirSync.Worker.Monitoring;

/// <summary>
/// A health answer: 200 unless a check is unhealthy, then 503, with each check's name and status only. Descriptions
/// and data stay out, since a library's text can carry a host name, a user or a connection string.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
        }, context.RequestAborted);
    }

    /// <summary>The process answers: nothing else is asked, so a slow dependency never gets a live worker restarted.</summary>
    public static HealthReport Live { get; } = new(
        new Dictionary<string, HealthReportEntry> { ["process"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null) }, TimeSpan.Zero);
}
