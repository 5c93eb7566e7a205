using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Monitoring;

internal static partial class MonitoringLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Health and metrics listening on {Addresses}")]
    public static partial void Listening(ILogger logger, IReadOnlyList<Uri> addresses);
}
