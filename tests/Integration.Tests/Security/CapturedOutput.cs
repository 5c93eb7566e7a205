using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Everything a process shows the outside world while a test runs: all console output (where the worker's Serilog
/// writes) and every tag of every metric measurement. Console is process-wide: use only in the real services collection.
/// </summary>
internal sealed class CapturedOutput : IDisposable
{
    private readonly StringWriter _console = new();
    private readonly TextWriter _synchronized;
    private readonly (TextWriter Out, TextWriter Error) _previous = (System.Console.Out, System.Console.Error);
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<string> _metricTags = new();

    public CapturedOutput()
    {
        _synchronized = TextWriter.Synchronized(_console);
        System.Console.SetOut(_synchronized);
        System.Console.SetError(_synchronized);
        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Record(instrument, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        _meters.Start();
    }

    public string ConsoleText
    {
        get
        {
            lock (_synchronized) return _console.ToString();
        }
    }

    /// <summary>"meter/instrument key=value" for every tag measured.</summary>
    public IReadOnlyCollection<string> MetricTags => _metricTags;

    public void Dispose()
    {
        _meters.Dispose();
        System.Console.SetOut(_previous.Out);
        System.Console.SetError(_previous.Error);
        _console.Dispose();
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags) _metricTags.Enqueue($"{instrument.Meter.Name}/{instrument.Name} {tag.Key}={tag.Value}");
    }
}
