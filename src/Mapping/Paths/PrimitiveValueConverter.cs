using System.Globalization;
using Hl7.Fhir.Introspection;
using FhirSync.Mapping.Validation;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Paths;

/// <summary>
/// Turns a source value (as read from the database or produced by a transform) into the FHIR primitive an element
/// holds. Throws <see cref="MappingValueException"/> naming the target type, never the value.
/// </summary>
internal static class PrimitiveValueConverter
{
    public static PrimitiveType ToPrimitive(ClassMapping primitiveType, object value, TimeZoneInfo timeZone)
    {
        var primitive = (PrimitiveType)primitiveType.CreateInstance();
        primitive.JsonValue = primitive switch
        {
            Date => AsDate(value),
            FhirDateTime => AsDateTime(value, timeZone),
            Instant => AsInstant(value, timeZone),
            FhirDecimal => AsDecimal(value),
            Integer or PositiveInt or UnsignedInt => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            Integer64 => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            FhirBoolean => AsBoolean(value),
            _ => AsText(value),
        };
        PrimitiveLiteralCheck.Ensure(primitive);
        return primitive;
    }

    private static string AsDate(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text when Date.IsValidValue(text) => text,
        _ => throw new MappingValueException("value is not a date (use a 'date' transform with the source format)"),
    };

    private static string AsDateTime(object value, TimeZoneInfo timeZone) => value switch
    {
        DateTime local => InZone(local, timeZone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text when FhirDateTime.IsValidValue(text) => text,
        _ => throw new MappingValueException("value is not a date-time (use a 'dateTime' transform with the source format)"),
    };

    private static string AsInstant(object value, TimeZoneInfo timeZone) => (value switch
    {
        DateTime local => InZone(local, timeZone),
        DateTimeOffset offset => offset,
        _ => throw new MappingValueException("value is not an instant"),
    }).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static decimal AsDecimal(object value) => value switch
    {
        decimal number => number,
        string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string => throw new MappingValueException("value is not a decimal number"),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static bool AsBoolean(object value) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text, out var parsed) => parsed,
        sbyte or byte or short or int or long or ulong => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        _ => throw new MappingValueException("value is not a boolean (use a 'boolean' transform)"),
    };

    private static string AsText(object value) => value switch
    {
        string text => text,
        DateTime dateTime => dateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Source date-times carry no offset; they are local times of the tenant's zone.</summary>
    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo timeZone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, timeZone.GetUtcOffset(unspecified));
    }
}
