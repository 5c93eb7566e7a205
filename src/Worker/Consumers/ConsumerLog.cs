using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Consumers;

internal static partial class ConsumerLog
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Run {RunId} of tenant {TenantId} deferred (deferral {Deferrals}) until {RetryAt}: {Reason}")]
    public static partial void RunDeferred(ILogger logger, string tenantId, Guid runId, int deferrals, DateTimeOffset retryAt, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Run {RunId} of tenant {TenantId} is deferred, but SyncDeferred could not be published ({Failure})")]
    public static partial void DeferralNotAnnounced(ILogger logger, string tenantId, Guid runId, string failure);
}
