using System.Text.Json;
using FhirSync.Worker.Sinks;
using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Reads back what arrived in a FHIR store over its REST API, parsed with the Firely SDK; with the store's bearer token, if it needs one.</summary>
internal sealed class FhirStoreReader(Uri baseUrl, string? token = null) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = baseUrl,
        DefaultRequestHeaders = { Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    };

    public async Task<T> ReadAsync<T>(string id) where T : Resource
    {
        var json = await _http.GetStringAsync($"{ModelInfo.GetFhirTypeNameForType(typeof(T))}/{id}");
        return JsonSerializer.Deserialize<T>(json, FhirJson.Options)!;
    }

    public async Task<IReadOnlyList<T>> SearchAllAsync<T>(string query = "") where T : Resource
    {
        var json = await _http.GetStringAsync($"{ModelInfo.GetFhirTypeNameForType(typeof(T))}?_count=100000{query}");
        var bundle = JsonSerializer.Deserialize<Bundle>(json, FhirJson.Options)!;
        return bundle.Entry.Select(entry => (T)entry.Resource!).ToList();
    }

    public void Dispose() => _http.Dispose();
}
