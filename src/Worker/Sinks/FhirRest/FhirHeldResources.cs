using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FhirSync.Worker.Sinks.FhirRest;

/// <summary>
/// What a tenant's FHIR store holds for one source table: a search by the table's identifier system (<c>system|</c>
/// matches any value), page by page through the store's <c>next</c> links, asking only for ids and identifiers.
/// </summary>
internal static class FhirHeldResources
{
    private const int PageSize = 1000;

    public static async IAsyncEnumerable<HeldResource> SearchAsync(FhirStoreClient store, string resourceType, string identifierSystem,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var baseText = store.BaseUrl.ToString().TrimEnd('/');
        Uri? next = new($"{baseText}/{resourceType}?identifier={Uri.EscapeDataString(identifierSystem + "|")}&_elements=identifier&_count={PageSize}");
        while (next is not null)
        {
            using var response = await store.SendAsync(HttpMethod.Get, next, body: null, cancellationToken);
            if (!response.IsSuccessStatusCode) throw await store.FailureAsync(response, $"search of {resourceType} by identifier system", cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var bundle = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var entries = bundle.RootElement.TryGetProperty("entry", out var found) && found.ValueKind == JsonValueKind.Array ? found.EnumerateArray().ToList() : [];
            foreach (var entry in entries)
            {
                if (entry.TryGetProperty("resource", out var resource) && resource.TryGetProperty("id", out var id)
                    && SourceIdentifier.KeyIn(resource, identifierSystem) is { } key)
                    yield return new HeldResource(id.GetString()!, key);
            }

            next = NextLink(bundle.RootElement);
        }
    }

    private static Uri? NextLink(JsonElement bundle)
    {
        if (!bundle.TryGetProperty("link", out var links) || links.ValueKind != JsonValueKind.Array) return null;
        foreach (var link in links.EnumerateArray())
        {
            if (link.TryGetProperty("relation", out var relation) && relation.GetString() == "next" && link.TryGetProperty("url", out var url))
                return new Uri(url.GetString()!);
        }

        return null;
    }
}
