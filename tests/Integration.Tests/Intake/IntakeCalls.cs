using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>Calls on the intake as a client makes them, and the checks every refusal shares.</summary>
internal static class IntakeCalls
{
    public static Task<HttpResponseMessage> PostSyncAsync(this HttpClient http, string tenant, string? json = null) =>
        http.PostAsync($"/tenants/{tenant}/syncs", new StringContent(json ?? "", Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
