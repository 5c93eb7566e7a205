using FhirSync.Contracts.V1;
using FhirSync.Worker.Scheduling;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Puts a request off: a persisted trigger publishes it again later, and only once that trigger is stored does the
/// consumer return, so the broker's copy is acknowledged with the deferred one already safe.
/// </summary>
internal sealed class RunDeferral(DeferredSyncs deferred, TimeProvider timeProvider, IOptions<MessagingOptions> messaging, ILogger<RunDeferral> logger)
{
    public bool CanDefer(ConsumeContext context) => DeferralsSoFar(context) < messaging.Value.DeferralLimit;

    public async Task DeferAsync(ConsumeContext context, TenantRunRequest request, string tenantId, string reason, TimeSpan? retryAfter)
    {
        var deferrals = DeferralsSoFar(context) + 1;
        var delay = retryAfter is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(messaging.Value.DeferralDelayMs);
        var retryAt = await deferred.DeferAsync(request, deferrals, delay, CancellationToken.None);
        ConsumerLog.RunDeferred(logger, tenantId, request.RunId, deferrals, retryAt, reason);
        await context.Publish(new SyncDeferred
        {
            TenantId = tenantId,
            RunId = request.RunId,
            DeferredAt = timeProvider.GetUtcNow(),
            RetryAt = retryAt,
            Deferrals = deferrals,
            Reason = reason,
        }, CancellationToken.None);
    }

    private static int DeferralsSoFar(ConsumeContext context) => context.Headers.Get<int>(DeferredSyncs.DeferralsHeader) ?? 0;
}
