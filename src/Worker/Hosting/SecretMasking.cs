using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace FhirSync.Worker.Hosting;

/// <summary>
/// The last line of defence in the log pipeline: a property whose name says it holds a secret, or whose text looks
/// like a connection string, a bearer token or an API key, is replaced before any sink sees it. Code must still never
/// log such values; this catches the one that slips through a library or a future change.
/// </summary>
internal sealed partial class SecretMasking : ILogEventEnricher
{
    public const string Mask = "***";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? masked = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (SecretName().IsMatch(name) || value is ScalarValue { Value: string text } && SecretText().IsMatch(text))
                (masked ??= []).Add(new LogEventProperty(name, new ScalarValue(Mask)));
        }

        foreach (var property in masked ?? []) logEvent.AddOrUpdateProperty(property);
    }

    [GeneratedRegex("password|passwd|pwd|secret|token|apikey|api_key|connectionstring|masterkey|authorization", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(password|pwd)\s*=|bearer\s+\S|fsk_[0-9a-f]{12}_|^v1:[^:]+:[A-Za-z0-9+/=]{20,}", RegexOptions.IgnoreCase)]
    private static partial Regex SecretText();
}
