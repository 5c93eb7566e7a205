using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using FhirSync.Publisher.Http.Authorization;
using FhirSync.Publisher.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FhirSync.Publisher.Http.Usage;

/// <summary>
/// The billing report over HTTP: <c>GET /tenants/{t}/usage</c> for one tenant (its own credentials, or fhir-admin) and
/// <c>GET /usage</c> for every tenant (fhir-admin only). <c>?month=2026-12</c> or <c>?from=...&amp;to=...</c>;
/// <c>?format=csv</c> for CSV, JSON otherwise.
/// </summary>
internal static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/tenants/{{{TenantAccessHandler.TenantRouteValue}}}/usage",
            (string tenantId, HttpRequest request, UsageStore store, CancellationToken cancellationToken) =>
                TenantId.TryParse(tenantId, out var id)
                    ? ReportAsync(id, request, store, cancellationToken)
                    : Task.FromResult<IResult>(IntakeProblems.NotFound($"tenant '{TenantId.Printable(tenantId)}' is not registered")))
            .RequireAuthorization(IntakePolicies.ReadRun);
        // No tenant in the route: only an admin passes the tenant access check.
        app.MapGet("/usage", (HttpRequest request, UsageStore store, CancellationToken cancellationToken) => ReportAsync(null, request, store, cancellationToken))
            .RequireAuthorization(IntakePolicies.ReadRun);
        return app;
    }

    private static async Task<IResult> ReportAsync(TenantId? tenantId, HttpRequest request, UsageStore store, CancellationToken cancellationToken)
    {
        UsagePeriod period;
        try
        {
            period = UsagePeriod.Parse(request.Query["month"], request.Query["from"], request.Query["to"]);
        }
        catch (FormatException invalid)
        {
            return IntakeProblems.Result(StatusCodes.Status400BadRequest, invalid.Message);
        }

        var totals = await store.TotalsAsync(tenantId, period.From, period.To, cancellationToken);
        return request.Query["format"] == "csv"
            ? Results.Text(UsageReport.Csv(totals, period), "text/csv")
            : Results.Ok(new { from = period.From, to = period.To, tenants = totals.Select(t => new
            {
                tenantId = t.TenantId.Value, t.SyncPages, t.IntakeCalls, t.RowsRead, t.ResourcesWritten, t.BytesSent, t.SourceDbMs, t.DurationMs, t.CostUnits,
            }) });
    }
}
