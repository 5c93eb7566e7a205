using System.Diagnostics;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Runs;
using FhirSync.Worker.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Runs a requested sync or reconciliation through the tenant's breakers and announces the outcome. The message is
/// acknowledged only after the run completed or was durably deferred; any other failure is rethrown so the
/// definition's short retries, then the error queue, keep it.
/// </summary>
internal sealed class TenantRunHandler(
    TenantResolver tenants,
    TenantSyncRunner runner,
    TenantBreakers breakers,
    RunDeferral deferral,
    TimeProvider timeProvider,
    IOptions<MessagingOptions> messaging,
    ILogger<TenantRunHandler> logger)
{
    public async Task HandleAsync(ConsumeContext context, TenantRunRequest request)
    {
        // What the message says the tenant is, made safe to log and echo: bounded, and only a-z, 0-9 and '-'.
        var requestedTenant = TenantId.Printable(request.TenantId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = requestedTenant, ["RunId"] = request.RunId });
        var startedAt = timeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            RefuseUndeliverable(context);
            var tenant = await tenants.ResolveAsync(request.TenantId, context.CancellationToken);
            Log.RunStarted(logger, tenant.TenantId.Value, request.RunId, request.Origin);
            var result = await breakers.ExecuteAsync(tenant.TenantId,
                token => runner.RunAsync(tenant, request.RunId, request.FullResync, request.Reconcile, token), context.CancellationToken);
            await context.Publish(new SyncCompleted
            {
                TenantId = tenant.TenantId.Value,
                RunId = request.RunId,
                StartedAt = startedAt,
                CompletedAt = timeProvider.GetUtcNow(),
                SinkKind = result.SinkKind,
                SinkLocation = result.SinkLocation,
                Resources = result.Resources,
            }, context.CancellationToken);
            Log.RunCompleted(logger, tenant.TenantId.Value, request.RunId, stopwatch.ElapsedMilliseconds);
        }
        catch (TenantBreakerOpenException open) when (deferral.CanDefer(context))
        {
            // Nothing ran: the tenant's database or store failed repeatedly. Later, not now, and not the error queue.
            await DeferOrFailAsync(context, request, requestedTenant, FailureClassifier.StageOf(open), open.Message, deferral.DelayAfter(open.RetryAfter));
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var permanent = FailureClassifier.IsPermanent(failure);
            var retriesLeft = !permanent && context.GetRetryAttempt() < messaging.Value.RetryLimit;
            var defer = !permanent && !retriesLeft && deferral.CanDefer(context);
            var stage = FailureClassifier.StageOf(failure);
            var reason = FailureClassifier.ReasonOf(failure);
            Log.RunFailed(logger, requestedTenant, request.RunId, stage, retriesLeft || defer, reason);
            await context.Publish(new SyncFailed
            {
                TenantId = requestedTenant,
                RunId = request.RunId,
                FailedAt = timeProvider.GetUtcNow(),
                Stage = stage,
                Reason = reason,
                WillRetry = retriesLeft || defer,
            }, CancellationToken.None);
            if (defer)
            {
                // The short retries are spent; the failure is transient, so the request waits for later instead.
                await DeferOrFailAsync(context, request, requestedTenant, stage, $"{stage} failed: {reason}", deferral.DelayAfter(retryAfter: null));
                return;
            }

            throw new SyncRunFailedException(requestedTenant, stage, reason, permanent || !retriesLeft);
        }
    }

    /// <summary>
    /// A deferral that cannot be stored (control database down) becomes a sanitized, retried failure: the raw exception
    /// would skip the retries and carry its unsanitized text into the error queue's headers.
    /// </summary>
    private async Task DeferOrFailAsync(ConsumeContext context, TenantRunRequest request, string requestedTenant, string stage, string reason, TimeSpan delay)
    {
        try
        {
            await deferral.DeferAsync(context, request, requestedTenant, reason, delay);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SyncRunFailedException(requestedTenant, stage, $"{reason}; the run could not be deferred ({FailureClassifier.ReasonOf(ex)})", permanent: false);
        }
    }

    /// <summary>A request no real requester sends (oversized), or one that stopped its worker on every delivery so far.</summary>
    private void RefuseUndeliverable(ConsumeContext context)
    {
        if (context.ReceiveContext.Body.Length is { } bytes && bytes > messaging.Value.MaxMessageBytes)
            throw new MessageTooLargeException(bytes, messaging.Value.MaxMessageBytes);
        // The quorum queue counts earlier deliveries that were never settled.
        if (context.ReceiveContext.TransportHeaders.Get<long>("x-delivery-count") is { } earlier && earlier >= messaging.Value.DeliveryLimit)
            throw new DeliveryLimitExceededException(earlier + 1, messaging.Value.DeliveryLimit);
    }
}
