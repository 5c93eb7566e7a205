using System.Diagnostics;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Consumers;
using FhirSync.Worker.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Runs a requested reconciliation: an incremental sync of the tenant, then every source's keys held against its
/// sink. Announces the outcome as a sync run's (<see cref="SyncCompleted"/> with deleted and missing counts, or
/// <see cref="SyncFailed"/>), with the same failure classification and sanitized reasons as a sync request.
/// </summary>
internal sealed class ReconcileRequestedConsumer(
    TenantResolver tenants,
    TenantSyncRunner runner,
    TimeProvider timeProvider,
    IOptions<MessagingOptions> messaging,
    ILogger<ReconcileRequestedConsumer> logger) : IConsumer<ReconcileRequested>
{
    public async Task Consume(ConsumeContext<ReconcileRequested> context)
    {
        var request = context.Message;
        var requestedTenant = TenantId.Printable(request.TenantId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = requestedTenant, ["RunId"] = request.RunId });
        var startedAt = timeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (context.ReceiveContext.Body.Length is { } bytes && bytes > messaging.Value.MaxMessageBytes)
                throw new MessageTooLargeException(bytes, messaging.Value.MaxMessageBytes);
            if (context.ReceiveContext.TransportHeaders.Get<long>("x-delivery-count") is { } earlier && earlier >= messaging.Value.DeliveryLimit)
                throw new DeliveryLimitExceededException(earlier + 1, messaging.Value.DeliveryLimit);
            var tenant = await tenants.ResolveAsync(request.TenantId, context.CancellationToken);
            Log.RunStarted(logger, tenant.TenantId.Value, request.RunId, request.Origin);
            var result = await runner.RunAsync(tenant, request.RunId, fullResync: false, reconcile: true, context.CancellationToken);
            await context.Publish(new SyncCompleted
            {
                TenantId = tenant.TenantId.Value, RunId = request.RunId, StartedAt = startedAt, CompletedAt = timeProvider.GetUtcNow(),
                SinkKind = result.SinkKind, SinkLocation = result.SinkLocation, Resources = result.Resources,
            }, context.CancellationToken);
            Log.RunCompleted(logger, tenant.TenantId.Value, request.RunId, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var permanent = FailureClassifier.IsPermanent(failure);
            var (stage, reason) = (FailureClassifier.StageOf(failure), FailureClassifier.ReasonOf(failure));
            var willRetry = !permanent && context.GetRetryAttempt() < messaging.Value.RetryLimit;
            Log.RunFailed(logger, requestedTenant, request.RunId, stage, willRetry, reason);
            await context.Publish(new SyncFailed
            {
                TenantId = requestedTenant, RunId = request.RunId, FailedAt = timeProvider.GetUtcNow(), Stage = stage, Reason = reason, WillRetry = willRetry,
            }, CancellationToken.None);
            throw new SyncRunFailedException(requestedTenant, stage, reason, permanent);
        }
    }
}
