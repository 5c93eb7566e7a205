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

    /// <summary>
    /// The wait before a deferred run: never sooner than the configured delay, so the deferral limit spans the time it
    /// promises, and no sooner than an open breaker will let a run through.
    /// </summary>
    public TimeSpan DelayAfter(TimeSpan? retryAfter)
    {
        var configured = TimeSpan.FromMilliseconds(messaging.Value.DeferralDelayMs);
        return retryAfter is { } wait && wait > configured ? wait : configured;
    }

    public async Task DeferAsync(ConsumeContext context, TenantRunRequest request, string tenantId, string reason, TimeSpan delay)
    {
        var deferrals = DeferralsSoFar(context) + 1;
        var retryAt = await deferred.DeferAsync(request, deferrals, delay, CancellationToken.None);
        ConsumerLog.RunDeferred(logger, tenantId, request.RunId, deferrals, retryAt, reason);
        try
        {
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The trigger is stored: the run is safe. Failing now would also send the request to the error queue, twice over.
            ConsumerLog.DeferralNotAnnounced(logger, tenantId, request.RunId, ex.GetType().Name);
        }
    }

    private static int DeferralsSoFar(ConsumeContext context) => context.Headers.Get<int>(DeferredSyncs.DeferralsHeader) ?? 0;
}
