using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace FhirSync.Publisher.Http.Syncs;

/// <summary>
/// Reads a sync request's body strictly (unknown members refused, one JSON object or nothing). A problem names where
/// the body went wrong by position and path, never by quoting it.
/// </summary>
internal static class SyncRequestReader
{
    private const string Shape = """expected an empty body or { "fullResync": boolean, "resourceTypes": [string] }""";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <returns>The body, or the detail of a 400 problem.</returns>
    public static async Task<(SyncRequestBody? Body, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content, cancellationToken);
        if (content.Length == 0) return (new SyncRequestBody(), null);
        try
        {
            var body = JsonSerializer.Deserialize<SyncRequestBody>(content.GetBuffer().AsSpan(0, (int)content.Length), Json);
            return body is null ? (null, $"the body is null; {Shape}") : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"the body is not a valid sync request: malformed JSON or an unexpected member or type at {PrintablePath(ex.Path)} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); {Shape}"));
        }
    }

    /// <summary>The JSON path names members the caller wrote: kept short and to characters that cannot forge anything.</summary>
    private static string PrintablePath(string? path) =>
        path is null ? "$" : new string([.. path.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c is '$' or '.' or '[' or ']' ? c : '?')]);
}
