using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirSync.Worker.Sinks.FhirRest;

/// <summary>
/// Writes resources to the tenant's FHIR base as transaction bundles of <c>PUT {Type}/{id}</c>. Ids are
/// deterministic, so a redelivered page rewrites the same resources; a transaction is all-or-nothing, so a page is
/// acknowledged only when every bundle of it was accepted. The tenant's bearer token, when it has one, goes only to its base.
/// </summary>
internal sealed class FhirRestResourceSink(HttpClient http, string tenantId, Uri baseUrl, int bundleSize, string? bearerToken) : IResourceSink
{
    private static readonly MediaTypeHeaderValue FhirJsonMediaType = new("application/fhir+json");

    public string Kind => "fhir";

    public string Location => baseUrl.ToString();

    public bool AcknowledgesEachPage => true;

    public async Task WriteAsync(string resourceType, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        foreach (var chunk in resources.Chunk(bundleSize)) await PostTransactionAsync(chunk, cancellationToken);
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task PostTransactionAsync(Resource[] resources, CancellationToken cancellationToken)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl.ToString().TrimEnd('/')}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
            });
        }

        using var content = new ByteArrayContent(FhirJson.SerializeToUtf8(bundle));
        content.Headers.ContentType = FhirJsonMediaType;
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        // On the request, not the client: clients come from a shared factory and must never carry a token to another store.
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, cancellationToken);

        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var transient = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            throw new SinkRejectedException(tenantId, status, $"transaction of {resources.Length} resources refused ({await RefusalAsync(response, cancellationToken)})", transient);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var failed = FailedEntries(document.RootElement);
        if (failed > 0) throw new SinkRejectedException(tenantId, status, $"{failed} of {resources.Length} entries were not accepted", transient: false);
    }

    private static int FailedEntries(JsonElement transactionResponse)
    {
        if (!transactionResponse.TryGetProperty("entry", out var entries)) return 0;
        return entries.EnumerateArray().Count(entry =>
            !entry.TryGetProperty("response", out var response)
            || !response.TryGetProperty("status", out var status)
            || !(status.GetString() ?? string.Empty).StartsWith('2'));
    }

    /// <summary>
    /// Why the store refused: for a 401, whether the tenant sent a token at all; otherwise the OperationOutcome's issue
    /// codes. An authenticating proxy may answer with an empty or HTML body, which is no reason to fail as a worker error.
    /// </summary>
    private async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return bearerToken is null ? "the store requires a token and the tenant has no sink token" : "the store refused the tenant's sink token";
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return IssueCodes(document.RootElement);
        }
        catch (JsonException)
        {
            return "no OperationOutcome";
        }
    }

    /// <summary>Issue codes only: the diagnostics text of an OperationOutcome may quote the offending values.</summary>
    private static string IssueCodes(JsonElement outcome)
    {
        if (outcome.ValueKind != JsonValueKind.Object || !outcome.TryGetProperty("issue", out var issues)) return "no OperationOutcome";
        var codes = issues.EnumerateArray()
            .Select(issue => issue.TryGetProperty("code", out var code) ? code.GetString() : null)
            .Where(code => code is not null)
            .Distinct();
        return $"issue codes: {string.Join(", ", codes)}";
    }
}
