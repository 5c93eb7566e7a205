using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Tenancy;

/// <summary>Tenancy logs: tenant ids and kinds of change, never configuration values.</summary>
internal static partial class TenancyLog
{
    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Configuration of tenant {TenantId} changed ({Change}); cached copy and source pool dropped")]
    public static partial void ConfigChanged(ILogger logger, string tenantId, string change);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "A tenant configuration change naming an invalid tenant id '{TenantId}' was ignored")]
    public static partial void ConfigChangeIgnored(ILogger logger, string tenantId);
}
