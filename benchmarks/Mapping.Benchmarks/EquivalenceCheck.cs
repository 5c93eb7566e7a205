using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>Before anything is timed: the compiled and the hand-written mapper must produce the same JSON, or the comparison is void.</summary>
internal static class EquivalenceCheck
{
    /// <summary>Compares the first 1,000 rows and every 101st row after; returns how many were compared.</summary>
    /// <exception cref="EquivalenceException">A row maps to different JSON; the message shows both (the data is generated, not real).</exception>
    public static int Verify(string resourceType, object?[][] rows, Func<object?[], Resource> compiled, Func<object?[], Resource> handWritten,
        JsonSerializerOptions fhirJson)
    {
        var compared = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (i >= 1_000 && i % 101 != 0) continue;
            var expected = FhirJson(compiled(rows[i]), fhirJson);
            var actual = FhirJson(handWritten(rows[i]), fhirJson);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                throw new EquivalenceException(
                    $"{resourceType} row {i + 1}: the hand-written mapper's JSON differs from the compiled mapper's, so their speeds are not comparable.\n" +
                    $"  compiled:     {Encoding.UTF8.GetString(expected)}\n  hand-written: {Encoding.UTF8.GetString(actual)}");
            }

            compared++;
        }

        return compared;
    }

    private static byte[] FhirJson(Resource resource, JsonSerializerOptions options) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), options);
}

/// <summary>The two mappers disagree; the benchmark stops without writing figures.</summary>
internal sealed class EquivalenceException(string message) : Exception(message);
