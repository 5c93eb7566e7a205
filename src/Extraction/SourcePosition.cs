using System.Globalization;
using System.Text.Json;

namespace FhirSync.Extraction;

/// <summary>
/// A row's place in a source's change order (its change-tracking values, then its key) in a typed JSON form the
/// control database can keep, e.g. <c>[{"t":"dt","v":"2026-11-23T01:00:00.5000000"},{"t":"i64","v":"42"}]</c>.
/// Types survive the round trip, so a stored position binds back as the same parameter type.
/// </summary>
public static class SourcePosition
{
    public static string Encode(IReadOnlyList<object?> values) => JsonSerializer.Serialize(values.Select(Tagged).ToArray());

    /// <exception cref="FormatException">The stored text is not a position this version wrote.</exception>
    public static object?[] Decode(string stored)
    {
        var parts = JsonSerializer.Deserialize<Part[]>(stored) ?? throw new FormatException("a stored position is empty");
        return [.. parts.Select(Untagged)];
    }

    private static Part Tagged(object? value) => value switch
    {
        null => new Part("null", null),
        sbyte or byte or short or ushort or int or long => new Part("i64", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        uint or ulong => new Part("u64", Convert.ToUInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
        decimal d => new Part("dec", d.ToString(CultureInfo.InvariantCulture)),
        double or float => new Part("dbl", Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        DateTime dt => new Part("dt", dt.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly date => new Part("date", date.ToString("O", CultureInfo.InvariantCulture)),
        string s => new Part("str", s),
        Guid g => new Part("guid", g.ToString()),
        byte[] bytes => new Part("bin", Convert.ToBase64String(bytes)),
        _ => throw new NotSupportedException($"a change-tracking or key column of type {value.GetType().Name} cannot order an incremental sync"),
    };

    private static object? Untagged(Part part) => part.T switch
    {
        "null" => null,
        "i64" => long.Parse(part.V!, CultureInfo.InvariantCulture),
        "u64" => ulong.Parse(part.V!, CultureInfo.InvariantCulture),
        "dec" => decimal.Parse(part.V!, CultureInfo.InvariantCulture),
        "dbl" => double.Parse(part.V!, CultureInfo.InvariantCulture),
        "dt" => DateTime.Parse(part.V!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "date" => DateOnly.Parse(part.V!, CultureInfo.InvariantCulture),
        "str" => part.V,
        "guid" => Guid.Parse(part.V!),
        "bin" => Convert.FromBase64String(part.V!),
        _ => throw new FormatException($"a stored position has a value of unknown type '{part.T}'"),
    };

    private sealed record Part(string T, string? V);
}
