using Microsoft.Extensions.Logging;

namespace FhirSync.Publisher.Dashboard;

internal static partial class Log
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "The dashboard listens beyond loopback ({Urls}) but has no login: keep it behind the operators' network or an authenticating proxy")]
    public static partial void BeyondLoopback(ILogger logger, string urls);
}
