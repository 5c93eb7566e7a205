using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Consumers;

internal static partial class ConsumerLog
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Run {RunId} of tenant {TenantId} deferred (deferral {Deferrals}) until {RetryAt}: {Reason}")]
    public static partial void RunDeferred(ILogger logger, string tenantId, Guid runId, int deferrals, DateTimeOffset retryAt, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Run {RunId} of tenant {TenantId} is deferred, but SyncDeferred could not be published ({Failure})")]
    public static partial void DeferralNotAnnounced(ILogger logger, string tenantId, Guid runId, string failure);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Run {RunId} of tenant {TenantId} not started: {Outcome} (follow-up run {FollowUpRunId})")]
    public static partial void RunNotStarted(ILogger logger, string tenantId, Guid runId, Runs.RunAdmission.Decision outcome, Guid? followUpRunId);

    [LoggerMessage(EventId = 123, Level = LogLevel.Information, Message = "Run {RunId} of tenant {TenantId} ended slice {Slice} after {ElapsedMs} ms; the next one is queued")]
    public static partial void SliceEnded(ILogger logger, string tenantId, Guid runId, int slice, long elapsedMs);

    [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "Follow-up run {RunId} of tenant {TenantId} published")]
    public static partial void FollowUpPublished(ILogger logger, string tenantId, Guid runId);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "Tenant {TenantId}'s follow-up run could not be published now ({Failure}); its next run will")]
    public static partial void FollowUpNotPublished(ILogger logger, string tenantId, string failure);

    [LoggerMessage(EventId = 126, Level = LogLevel.Warning, Message = "A run's state could not be recorded ({Failure})")]
    public static partial void RunStateNotRecorded(ILogger logger, string failure);
}
