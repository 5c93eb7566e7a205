using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Usage;

internal static partial class UsageLog
{
    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "Usage event {EventId} of tenant {TenantId} is stored; its publish is left to the relay ({Failure})")]
    public static partial void PublishDeferred(ILogger logger, string tenantId, Guid eventId, string failure);

    [LoggerMessage(EventId = 141, Level = LogLevel.Warning, Message = "The usage relay failed this round ({Failure}); it tries again")]
    public static partial void RelayFailed(ILogger logger, string failure);
}
