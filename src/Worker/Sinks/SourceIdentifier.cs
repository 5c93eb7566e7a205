using System.Text.Json;

namespace FhirSync.Worker.Sinks;

/// <summary>Reads the source key a stored resource carries in its tenant-scoped <c>urn:fhirsync:{tenant}:{table}</c> identifier.</summary>
internal static class SourceIdentifier
{
    /// <summary>The value of the identifier with <paramref name="system"/>, or null when the resource has none (not made from that table).</summary>
    public static string? KeyIn(JsonElement resource, string system)
    {
        if (!resource.TryGetProperty("identifier", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array) return null;
        foreach (var identifier in identifiers.EnumerateArray())
        {
            if (identifier.TryGetProperty("system", out var found) && found.GetString() == system && identifier.TryGetProperty("value", out var value))
                return value.GetString();
        }

        return null;
    }
}
