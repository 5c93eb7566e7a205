using System.Diagnostics;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Runs;
using FhirSync.Worker.Tenancy;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Runs a requested sync and announces the outcome. The message is acknowledged only after the run completed; a
/// failure is rethrown so the definition's retry policy, then the error queue, keep it.
/// </summary>
internal sealed class SyncRequestedConsumer(
    TenantResolver tenants,
    TenantSyncRunner runner,
    TimeProvider timeProvider,
    IOptions<MessagingOptions> messaging,
    ILogger<SyncRequestedConsumer> logger) : IConsumer<SyncRequested>
{
    public async Task Consume(ConsumeContext<SyncRequested> context)
    {
        var request = context.Message;
        // What the message says the tenant is, made safe to log and echo: bounded, and only a-z, 0-9 and '-'.
        var requestedTenant = TenantId.Printable(request.TenantId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = requestedTenant, ["RunId"] = request.RunId });
        var startedAt = timeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (context.ReceiveContext.Body.Length is { } bytes && bytes > messaging.Value.MaxMessageBytes)
                throw new MessageTooLargeException(bytes, messaging.Value.MaxMessageBytes);
            // The quorum queue counts earlier deliveries that were never settled.
            if (context.ReceiveContext.TransportHeaders.Get<long>("x-delivery-count") is { } earlier && earlier >= messaging.Value.DeliveryLimit)
                throw new DeliveryLimitExceededException(earlier + 1, messaging.Value.DeliveryLimit);
            var tenant = await tenants.ResolveAsync(request.TenantId, context.CancellationToken);
            Log.RunStarted(logger, tenant.TenantId.Value, request.RunId, request.Origin);
            var result = await runner.RunAsync(tenant, request.RunId, request.FullResync, context.CancellationToken);
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
        catch (Exception failure) when (failure is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var willRetry = !FailureClassifier.IsPermanent(failure) && context.GetRetryAttempt() < messaging.Value.RetryLimit;
            var stage = FailureClassifier.StageOf(failure);
            var reason = FailureClassifier.ReasonOf(failure);
            Log.RunFailed(logger, requestedTenant, request.RunId, stage, willRetry, reason);
            await context.Publish(new SyncFailed
            {
                TenantId = requestedTenant,
                RunId = request.RunId,
                FailedAt = timeProvider.GetUtcNow(),
                Stage = stage,
                Reason = reason,
                WillRetry = willRetry,
            }, CancellationToken.None);
            throw new SyncRunFailedException(requestedTenant, stage, reason, FailureClassifier.IsPermanent(failure));
        }
    }
}
