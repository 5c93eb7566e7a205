using System.Globalization;
using System.Text.RegularExpressions;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>One line of the Prometheus text format: <c>name{label="value",...} 12</c>.</summary>
internal sealed partial record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label the OpenTelemetry exporter puts on every series: the meter's name, the same on all of them.</summary>
    public const string ScopeLabel = "otel_scope_name";

    /// <summary>The labels the worker chose, without the exporter's <see cref="ScopeLabel"/>.</summary>
    public IEnumerable<string> OwnLabels => Labels.Keys.Where(key => key != ScopeLabel);

    public static IReadOnlyList<PrometheusSample> Parse(string text) =>
    [
        .. text.Split('\n').Select(line => Line().Match(line.Trim())).Where(match => match.Success).Select(match => new PrometheusSample(
            match.Groups["name"].Value,
            Label().Matches(match.Groups["labels"].Value).ToDictionary(label => label.Groups["key"].Value, label => label.Groups["value"].Value),
            double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture))),
    ];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+0-9.eE]+|NaN|\+Inf|-Inf)(\s+\d+)?$")]
    private static partial Regex Line();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Label();
}
