using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FhirSync.Worker.Sinks.FhirRest;

/// <summary>
/// Requests to one tenant's FHIR base: FHIR JSON both ways, the tenant's bearer token (when it has one) on each request
/// and only towards its own base, and refusals described by status and OperationOutcome issue codes.
/// </summary>
internal sealed class FhirStoreClient(HttpClient http, string tenantId, Uri baseUrl, string? bearerToken)
{
    private static readonly MediaTypeHeaderValue FhirJsonMediaType = new("application/fhir+json");

    public string TenantId => tenantId;

    public Uri BaseUrl => baseUrl;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, byte[]? body, CancellationToken cancellationToken)
    {
        // A next link or any other URL the store hands back is followed only inside the tenant's base, so the token never travels elsewhere.
        if (!IsInsideBase(url))
            throw new SinkRejectedException(tenantId, 0, "the store pointed outside the tenant's FHIR base", transient: false);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = FhirJsonMediaType;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        // On the request, not the client: clients come from a shared factory and must never carry a token to another store.
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Same scheme, host and port, and a path that is the base's or below it: a prefix match of the text would let
    /// <c>https://store.example.evil.com</c> pass for <c>https://store.example</c>, and <c>/fhir/tenant-ab</c> for <c>/fhir/tenant-a</c>.
    /// </summary>
    internal bool IsInsideBase(Uri url)
    {
        if (!url.IsAbsoluteUri || Uri.Compare(url, baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        var path = url.AbsolutePath;
        return path.Equals(basePath, StringComparison.Ordinal) || path.StartsWith(basePath + "/", StringComparison.Ordinal);
    }

    /// <summary>Whether a refusal is about the request's content (worth splitting a bundle to isolate it) rather than the store or the credentials.</summary>
    public static bool RefusesContent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);

    public async Task<SinkRejectedException> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        return new SinkRejectedException(tenantId, status, $"{what} refused ({await RefusalAsync(response, cancellationToken)})", transient);
    }

    /// <summary>
    /// Why the store refused: for a 401, whether the tenant sent a token at all; otherwise the OperationOutcome's issue
    /// codes. An authenticating proxy may answer with an empty or HTML body, which is no reason to fail as a worker error.
    /// </summary>
    public async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
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
    public static string IssueCodes(JsonElement outcome)
    {
        if (outcome.ValueKind != JsonValueKind.Object || !outcome.TryGetProperty("issue", out var issues)) return "no OperationOutcome";
        var codes = issues.EnumerateArray()
            .Select(issue => issue.TryGetProperty("code", out var code) ? code.GetString() : null)
            .Where(code => code is not null)
            .Distinct();
        return $"issue codes: {string.Join(", ", codes)}";
    }
}
