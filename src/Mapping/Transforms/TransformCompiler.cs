using System.Globalization;
using FhirSync.Mapping.Documents;

namespace FhirSync.Mapping.Transforms;

/// <summary>
/// Compiles a transform chain once per document. Runtime failures throw <see cref="MappingValueException"/> naming the
/// transform and its arguments, never the value.
/// </summary>
internal static class TransformCompiler
{
    /// <summary>Compiles <paramref name="steps"/>, or returns null with the problem.</summary>
    public static ValueTransform? TryCompile(IReadOnlyList<TransformStep> steps,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> codeTables, out string? problem)
    {
        problem = null;
        ValueTransform chain = static value => value;
        foreach (var step in steps)
        {
            var next = TryCompileStep(step, codeTables, out problem);
            if (next is null) return null;
            var previous = chain;
            chain = value => next(previous(value));
        }

        return chain;
    }

    private static ValueTransform? TryCompileStep(TransformStep step,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> codeTables, out string? problem)
    {
        problem = null;
        switch (step.Op)
        {
            case "map" when step.Table is not null:
                if (codeTables.TryGetValue(step.Table, out var shared)) return Map(shared, step.Value);
                problem = $"map transform names code table '{step.Table}', which the document's codeTables do not define";
                return null;
            case "boolean":
                return ScalarTransforms.ParseBoolean;
            case "epochSeconds":
                return ScalarTransforms.FromEpochSeconds;
            case "concat":
                return ScalarTransforms.Concat(step.Separator ?? " ");
            case "trim":
                return static value => value is string text ? NullIfEmpty(text.Trim()) : value;
            case "split" when !string.IsNullOrEmpty(step.Separator) && step.Index is >= 0:
                return Split(step.Separator, step.Index.Value);
            case "date" when !string.IsNullOrEmpty(step.Format):
                return ParseDate(step.Format);
            case "dateTime" when !string.IsNullOrEmpty(step.Format):
                return ParseDateTime(step.Format);
            case "map" when step.Values is { Count: > 0 }:
                return Map(step.Values, step.Value);
            case "decimal":
                return ParseDecimal;
            case "nullIf" when step.Value is not null:
                var sentinel = step.Value;
                return value => value is not null && AsText(value) == sentinel ? null : value;
            case "default" when step.Value is not null:
                var fallback = step.Value;
                return value => value ?? fallback;
            case "split" or "date" or "dateTime" or "map" or "nullIf" or "default":
                problem = $"transform '{step.Op}' is missing its arguments ({RequiredArguments(step.Op)})";
                return null;
            default:
                problem = $"unknown transform '{step.Op}'";
                return null;
        }
    }

    private static ValueTransform Split(string separator, int index) => value =>
    {
        if (value is null) return null;
        var parts = AsText(value).Split(separator);
        return index < parts.Length ? NullIfEmpty(parts[index].Trim()) : null;
    };

    private static ValueTransform ParseDate(string format) => value => value switch
    {
        null => null,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        DateOnly date => date,
        _ when DateOnly.TryParseExact(AsText(value), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => throw new MappingValueException($"date transform: value does not match format '{format}'"),
    };

    private static ValueTransform ParseDateTime(string format) => value => value switch
    {
        null => null,
        DateTime or DateTimeOffset => value,
        _ when DateTime.TryParseExact(AsText(value), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => throw new MappingValueException($"dateTime transform: value does not match format '{format}'"),
    };

    private static ValueTransform Map(IReadOnlyDictionary<string, string> table, string? fallback)
    {
        var codes = table.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return value =>
        {
            if (value is null) return null;
            if (codes.TryGetValue(AsText(value), out var mapped)) return mapped;
            return fallback ?? throw new MappingValueException($"map transform: code is not in the table ({codes.Count} codes) and no fallback is set");
        };
    }

    private static object? ParseDecimal(object? value) => value switch
    {
        null => null,
        decimal => value,
        string text when decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string => throw new MappingValueException("decimal transform: value is not a number"),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static string AsText(object value) =>
        value as string ?? (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString() ?? string.Empty);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string RequiredArguments(string op) => op switch
    {
        "split" => "separator, index",
        "date" or "dateTime" => "format",
        "map" => "values or table",
        _ => "value",
    };
}
