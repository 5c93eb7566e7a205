using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping;
using FhirSync.Publisher.Http.Authentication;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Http.Syncs;

/// <summary>
/// <c>POST /tenants/{tenantId}/syncs</c>, after authorization: the tenant must be registered and enabled and the body
/// valid before anything is recorded; then the run is recorded as queued and its <see cref="SyncRequested"/> published.
/// </summary>
internal sealed class RequestSyncEndpoint(TenantRegistry registry, RunStore runs, IBus bus, TimeProvider timeProvider, IOptions<IntakeOptions> options,
    ILogger<RequestSyncEndpoint> logger)
{
    public async Task<Results<Accepted<SyncAccepted>, ProblemHttpResult>> HandleAsync(string tenantId, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var tenant = TenantId.TryParse(tenantId, out var id) ? await registry.FindAsync(id, cancellationToken) : null;
        if (tenant is not { Enabled: true }) return Refused(tenantId, StatusCodes.Status404NotFound, $"tenant '{TenantId.Printable(tenantId)}' is not registered or not enabled");

        var (body, bodyProblem) = await SyncRequestReader.ReadAsync(context.Request, cancellationToken);
        if (body is null) return Refused(tenantId, StatusCodes.Status400BadRequest, bodyProblem!);
        var (resourceTypes, typesProblem) = CheckResourceTypes(body, tenant);
        if (typesProblem is not null) return Refused(tenantId, StatusCodes.Status400BadRequest, typesProblem);

        var caller = IntakeCaller.From(context.User)!;
        var request = new RunRequest(Guid.NewGuid(), tenant.TenantId, RunKinds.Sync, caller.Origin, body.FullResync, resourceTypes, timeProvider.GetUtcNow());
        await runs.RecordRequestedAsync(request, cancellationToken);
        if (!await PublishAsync(request, cancellationToken))
            return IntakeProblems.Result(StatusCodes.Status503ServiceUnavailable, "the broker did not accept the request; the run is marked failed, ask again later");

        Log.SyncQueued(logger, tenant.TenantId.Value, caller.Origin, request.RunId);
        return TypedResults.Accepted($"/tenants/{tenant.TenantId.Value}/syncs/{request.RunId}", new SyncAccepted(request.RunId, RunStates.Queued));
    }

    private static (IReadOnlyList<string>? Types, string? Problem) CheckResourceTypes(SyncRequestBody body, TenantRegistration tenant)
    {
        try
        {
            return RequestedResourceTypes.Check(body.ResourceTypes, tenant);
        }
        catch (MappingDefinitionException)
        {
            // The document's own errors are the operator's to read (fhirsync mapping validate), not the caller's.
            return (null, $"the registered mapping of tenant {tenant.TenantId.Value} does not compile, so no resource type can be checked");
        }
    }

    private async Task<bool> PublishAsync(RunRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await bus.Publish(new SyncRequested
            {
                TenantId = request.TenantId.Value, RunId = request.RunId, RequestedAt = request.RequestedAt, Origin = request.Origin,
                FullResync = request.FullResync, ResourceTypes = request.ResourceTypes,
            }, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PublishFailed(logger, ex, request.TenantId.Value, request.RunId);
            // The request is not carried on: a queued row would wait forever. CancellationToken.None: the caller may have gone.
            await runs.MarkFailedAsync(request.RunId, "intake", "the broker did not confirm the request", willRetry: false, CancellationToken.None);
            return false;
        }
    }

    private ProblemHttpResult Refused(string tenantId, int status, string detail)
    {
        var printableTenant = TenantId.Printable(tenantId);
        Log.RequestRefused(logger, printableTenant, status, detail);
        return IntakeProblems.Result(status, detail);
    }
}
