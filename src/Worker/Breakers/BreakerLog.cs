using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Breakers;

internal static partial class BreakerLog
{
    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "The {Dependency} breaker of tenant {TenantId} opened for {BreakSeconds} s after repeated failures")]
    public static partial void Opened(ILogger logger, string tenantId, TenantDependency dependency, double breakSeconds);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "The {Dependency} breaker of tenant {TenantId} is half-open: the next run tests it")]
    public static partial void HalfOpened(ILogger logger, string tenantId, TenantDependency dependency);

    [LoggerMessage(EventId = 412, Level = LogLevel.Information, Message = "The {Dependency} breaker of tenant {TenantId} closed")]
    public static partial void Closed(ILogger logger, string tenantId, TenantDependency dependency);

    [LoggerMessage(EventId = 413, Level = LogLevel.Warning, Message = "The {Dependency} breaker of tenant {TenantId} turned {State}, but the control database did not take the change: {Reason}")]
    public static partial void StateNotRecorded(ILogger logger, string tenantId, string dependency, string state, string reason);
}