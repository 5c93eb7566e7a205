using System.Net;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Worker.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>What an orchestrator's probe or a Prometheus scrape sees of one worker's monitoring listener.</summary>
internal sealed class MonitoringClient : IDisposable
{
    private readonly HttpClient _http;

    public MonitoringClient(TestWorker worker) =>
        _http = new HttpClient { BaseAddress = worker.Services.GetRequiredService<MonitoringListener>().Addresses[0], Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>The status code and JSON body of a health endpoint.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, string Text)> HealthAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync() => PrometheusSample.Parse(await _http.GetStringAsync("/metrics"));

    public void Dispose() => _http.Dispose();
}
