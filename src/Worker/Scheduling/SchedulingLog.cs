using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Scheduling;

internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Deferred run {RunId} of tenant {TenantId} could not be published ({Failure}); deferred again by {Seconds} s")]
    public static partial void RedeliveryRescheduled(ILogger logger, string tenantId, Guid runId, double seconds, string failure);
}
