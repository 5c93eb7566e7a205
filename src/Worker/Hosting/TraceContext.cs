using Serilog.Core;
using Serilog.Events;

namespace FhirSync.Worker.Hosting;

/// <summary>
/// Names the trace and span a line was logged in (MassTransit's consume activity, continuing the publisher's trace),
/// as <c>TraceId</c> and <c>SpanId</c> properties that text and JSON output alike can show and a log search can join on.
/// </summary>
internal sealed class TraceContext : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.TraceId is not { } traceId || traceId == default) return;
        logEvent.AddPropertyIfAbsent(new LogEventProperty("TraceId", new ScalarValue(traceId.ToHexString())));
        if (logEvent.SpanId is { } spanId && spanId != default) logEvent.AddPropertyIfAbsent(new LogEventProperty("SpanId", new ScalarValue(spanId.ToHexString())));
    }
}
