using System.Diagnostics;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Monitoring;
using FhirSync.Worker.Runs;
using FhirSync.Worker.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Runs a requested sync or reconciliation: checks the request, lets it through the tenant's gate (one run per tenant
/// at a time) and breakers, and records and announces the outcome. The message is acknowledged only after the run
/// completed, ended a slice with the next one queued, was merged into the tenant's follow-up run, or was durably
/// deferred; any other failure is rethrown so the definition's short retries, then the error queue, keep it.
/// </summary>
internal sealed class TenantRunHandler(
    TenantResolver tenants,
    RequestChecks checks,
    TenantRunGate gate,
    RunStore runs,
    RunFollowUps followUps,
    TenantSyncRunner runner,
    TenantBreakers breakers,
    RunDeferral deferral,
    WorkerMetrics metrics,
    TimeProvider timeProvider,
    IOptions<MessagingOptions> messaging,
    IOptions<RunOptions> runOptions,
    ILogger<TenantRunHandler> logger)
{
    public async Task HandleAsync(ConsumeContext context, TenantRunRequest request, bool senderRequired = false)
    {
        // What the message says the tenant is, made safe to log and echo: bounded, and only a-z, 0-9 and '-'.
        var requestedTenant = TenantId.Printable(request.TenantId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = requestedTenant, ["RunId"] = request.RunId });
        var startedAt = timeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        TenantRunLease? lease = null;
        TenantId? admittedTenant = null;
        TenantId? resolvedTenant = null;
        var ended = false;
        try
        {
            RefuseUndeliverable(context);
            var tenant = await tenants.ResolveAsync(request.TenantId, context.CancellationToken);
            resolvedTenant = tenant.TenantId;
            checks.Check(context, tenant, request, senderRequired);
            var slice = context.Headers.Get<int>(SyncQueues.SliceHeader) ?? 1;
            var admission = await gate.EnterAsync(request.ToRecord(tenant.TenantId), nextSlice: slice > 1, context.CancellationToken);
            admittedTenant = tenant.TenantId;
            if (admission.Lease is null)
            {
                ended = admission.Outcome == RunAdmission.Decision.Coalesced;
                ConsumerLog.RunNotStarted(logger, tenant.TenantId.Value, request.RunId, admission.Outcome, admission.FollowUpRunId);
                return;
            }

            lease = admission.Lease;
            Log.RunStarted(logger, tenant.TenantId.Value, request.RunId, request.Origin);
            using var running = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lease.Lost);
            var sliceEndsAt = runOptions.Value.SliceSeconds > 0 ? startedAt.AddSeconds(runOptions.Value.SliceSeconds) : (DateTimeOffset?)null;
            var firstSource = context.Headers.Get<int>(SyncQueues.SliceSourceHeader) ?? 0;
            var result = await breakers.ExecuteAsync(tenant.TenantId, token => runner.RunAsync(tenant, request, firstSource, sliceEndsAt, token), running.Token);
            if (result.ResumeAtSource is { } resumeAt)
            {
                await SendNextSliceAsync(context, request, slice + 1, resumeAt);
                await runs.MarkSliceEndedAsync(request.RunId, CancellationToken.None);
                ConsumerLog.SliceEnded(logger, tenant.TenantId.Value, request.RunId, slice, stopwatch.ElapsedMilliseconds);
                metrics.SliceEnded(tenant.TenantId, stopwatch.Elapsed);
                return;
            }

            ended = true;
            await runs.MarkSucceededAsync(request.RunId, CancellationToken.None);
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
            metrics.RunCompleted(tenant.TenantId, result.Resources, stopwatch.Elapsed);
        }
        catch (TenantBreakerOpenException open) when (deferral.CanDefer(context))
        {
            // Nothing ran: the tenant's database or store failed repeatedly. Later, not now, and not the error queue.
            ended = true;
            var stage = FailureClassifier.StageOf(open);
            await DeferOrFailAsync(context, request, requestedTenant, stage, open.Message, deferral.DelayAfter(open.RetryAfter));
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var permanent = FailureClassifier.IsPermanent(failure);
            var retriesLeft = !permanent && context.GetRetryAttempt() < messaging.Value.RetryLimit;
            // An immediate retry comes next: the tenant's follow-up waits for it rather than jumping ahead.
            ended = !retriesLeft;
            var defer = !permanent && !retriesLeft && deferral.CanDefer(context);
            var stage = FailureClassifier.StageOf(failure);
            var reason = FailureClassifier.ReasonOf(failure);
            Log.RunFailed(logger, requestedTenant, request.RunId, stage, retriesLeft || defer, reason);
            metrics.RunFailed(resolvedTenant);
            await RecordAsync(() => runs.MarkFailedAsync(request.RunId, stage, reason, willRetry: retriesLeft || defer, CancellationToken.None));
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
        finally
        {
            if (lease is not null) await lease.DisposeAsync();
            if (ended && admittedTenant is { } tenantId) await PublishFollowUpsAsync(context, tenantId);
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

        await RecordAsync(() => runs.MarkDeferredAsync(request.RunId, stage, reason, CancellationToken.None));
    }

    /// <summary>The rest of a long run goes to the end of its queue, so other tenants' runs get their turn first.</summary>
    private static async Task SendNextSliceAsync(ConsumeContext context, TenantRunRequest request, int slice, int firstSource)
    {
        var queue = SyncQueues.NextSliceQueueOf(context.ReceiveContext.InputAddress);
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(request.ToMessage(), send =>
        {
            send.Headers.Set(SyncQueues.SliceHeader, slice);
            send.Headers.Set(SyncQueues.SliceSourceHeader, firstSource);
        }, CancellationToken.None);
    }

    /// <summary>Publishes the tenant's waiting follow-up runs if the tenant is idle now. Best effort: the tenant's next run looks again.</summary>
    private async Task PublishFollowUpsAsync(ConsumeContext context, TenantId tenantId)
    {
        try
        {
            foreach (var followUp in await gate.TakeFollowUpsIfIdleAsync(tenantId, CancellationToken.None))
            {
                try
                {
                    await context.Publish(TenantRunRequest.Of(followUp).ToMessage(), CancellationToken.None);
                    ConsumerLog.FollowUpPublished(logger, tenantId.Value, followUp.RunId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Taken but not published: back into the waiting follow-up, for the tenant's next run to publish.
                    await followUps.CoalesceAsync(followUp, CancellationToken.None);
                    throw;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ConsumerLog.FollowUpNotPublished(logger, tenantId.Value, ex.GetType().Name);
        }
    }

    /// <summary>A run's state is for watching; failing to record it must not change what happens to the message.</summary>
    private async Task RecordAsync(Func<Task> record)
    {
        try
        {
            await record();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ConsumerLog.RunStateNotRecorded(logger, ex.GetType().Name);
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
