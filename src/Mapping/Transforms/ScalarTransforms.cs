using System.Globalization;

namespace FhirSync.Mapping.Transforms;

/// <summary>Transforms without arguments to bind, and the multi-column <c>concat</c>.</summary>
internal static class ScalarTransforms
{
    private static readonly HashSet<string> TrueWords = new(["1", "y", "yes", "t", "true", "s", "si", "sí"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> FalseWords = new(["0", "n", "no", "f", "false"], StringComparer.OrdinalIgnoreCase);

    public static object? ParseBoolean(object? value) => value switch
    {
        null => null,
        bool flag => flag,
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        string text when TrueWords.Contains(text.Trim()) => true,
        string text when FalseWords.Contains(text.Trim()) => false,
        _ => throw new MappingValueException("boolean transform: value is not one of 1/0, Y/N, S/N, true/false, yes/no"),
    };

    public static object? FromEpochSeconds(object? value)
    {
        if (value is null) return null;
        try
        {
            var seconds = value is string text ? long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException or InvalidCastException)
        {
            throw new MappingValueException("epochSeconds transform: value is not a whole number of seconds in range");
        }
    }

    /// <summary>Joins the non-empty values of a <c>columns</c> element, trimmed, with the separator.</summary>
    public static ValueTransform Concat(string separator) => value =>
    {
        if (value is not object?[] parts) throw new MappingValueException("concat transform: it must be the first transform of an element with columns");
        var texts = parts
            .Where(part => part is not null and not DBNull)
            .Select(part => (part is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : part!.ToString() ?? string.Empty).Trim())
            .Where(text => text.Length > 0)
            .ToList();
        return texts.Count == 0 ? null : string.Join(separator, texts);
    };
}
