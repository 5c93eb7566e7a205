using System.Collections.Concurrent;
using System.Reflection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Validation;

/// <summary>
/// Firely's own per-type literal rules, applied to each value as it is converted: a Code&lt;T&gt; must be one of T's
/// codes (PVAL116), other primitives must pass their type's <c>IsValidValue</c> (PVAL124). This is what lets a
/// resource whose shape was already validated skip the full validation.
/// </summary>
internal static class PrimitiveLiteralCheck
{
    private static readonly ConcurrentDictionary<Type, Func<PrimitiveType, bool>> Checks = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo> ValueProperties = new();

    /// <exception cref="MappingValueException">The literal breaks its type's rule; the message does not quote it.</exception>
    public static void Ensure(PrimitiveType primitive)
    {
        if (Checks.GetOrAdd(primitive.GetType(), Create)(primitive)) return;
        throw primitive.GetType().IsGenericType
            ? new MappingValueException("the code is not in the element's required value set (PVAL116)")
            : new MappingValueException($"the value is not a valid {primitive.TypeName} literal (PVAL124)");
    }

    /// <summary>Whether a Code&lt;T&gt;'s literal is one of T's codes: an unknown literal reads back as null, or throws.</summary>
    public static bool IsKnownCode(PrimitiveType code)
    {
        // Looked up once per Code<T>: this runs for every coded value of every row.
        var value = ValueProperties.GetOrAdd(code.GetType(), static type => type.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)!);
        try
        {
            return value.GetValue(code) is not null;
        }
        catch (TargetInvocationException)
        {
            return false;
        }
    }

    private static Func<PrimitiveType, bool> Create(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Code<>)) return IsKnownCode;
        var isValidValue = type.GetMethod("IsValidValue", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        if (isValidValue is null || isValidValue.ReturnType != typeof(bool)) return static _ => true;
        var check = isValidValue.CreateDelegate<Func<string, bool>>();
        return primitive => primitive.JsonValue is not string literal || check(literal);
    }
}
