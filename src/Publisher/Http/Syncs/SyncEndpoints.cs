using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Http.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FhirSync.Publisher.Http.Syncs;

internal static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var tenantSyncs = app.MapGroup($"/tenants/{{{TenantAccessHandler.TenantRouteValue}}}/syncs");
        tenantSyncs.MapPost("", (string tenantId, HttpContext context, RequestSyncEndpoint endpoint) => endpoint.HandleAsync(tenantId, context))
            .RequireAuthorization(IntakePolicies.RequestSync);
        tenantSyncs.MapGet("{runId:guid}", FindRunAsync).RequireAuthorization(IntakePolicies.ReadRun);
        return app;
    }

    /// <summary>Another tenant's run is answered exactly like a run that does not exist.</summary>
    private static async Task<Results<Ok<SyncRunView>, ProblemHttpResult>> FindRunAsync(string tenantId, Guid runId, RunStore runs, CancellationToken cancellationToken)
    {
        var run = TenantId.TryParse(tenantId, out var id) ? await runs.FindAsync(runId, cancellationToken) : null;
        return run is not null && run.Request.TenantId == id
            ? TypedResults.Ok(SyncRunView.Of(run))
            : IntakeProblems.NotFound($"tenant '{TenantId.Printable(tenantId)}' has no run {runId}");
    }
}
