using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// Keeps every log event a host writes, at every level, as text: message, structured properties, scopes and exception,
/// so a test can look for a secret anywhere a log sink could print it.
/// </summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _events = new();

    public string All => string.Join("\n", _events);

    public int Count => _events.Count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            capture._events.Enqueue($"scope {category}: {Properties(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._events.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{Properties(state)}] {exception}");

        private static string Properties<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : $"{state}";
    }
}
