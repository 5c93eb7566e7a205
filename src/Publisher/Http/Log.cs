using Microsoft.Extensions.Logging;

namespace FhirSync.Publisher.Http;

/// <summary>The intake's log lines: tenants and runs by id, callers by origin; never a token, a key or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Sync of tenant {TenantId} requested by {Origin}: run {RunId} queued")]
    public static partial void SyncQueued(ILogger logger, string tenantId, string origin, Guid runId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Bearer token refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, Type reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Request of {Origin} for tenant {TenantId} forbidden: {Reason}")]
    public static partial void Forbidden(ILogger logger, string origin, string tenantId, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The broker did not confirm run {RunId} of tenant {TenantId}; the run is marked failed")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string tenantId, Guid runId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Sync request for tenant {TenantId} refused ({Status}): {Reason}")]
    public static partial void RequestRefused(ILogger logger, string tenantId, int status, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Usage of an intake call of tenant {TenantId} not fully recorded ({Failure})")]
    public static partial void CallUsageNotRecorded(ILogger logger, string tenantId, string failure);
}
