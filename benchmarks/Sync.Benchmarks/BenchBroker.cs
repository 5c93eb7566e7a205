using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// A RabbitMQ virtual host of the benchmark's own, recreated empty, so other engineers' workers on the same broker
/// never take its requests; and a bus on it that publishes sync requests as any .NET system does.
/// </summary>
internal sealed class BenchBroker : IAsyncDisposable
{
    private const string VirtualHost = "fhirsync-bench";
    private readonly HttpClient _management;
    private readonly IBusControl _bus;

    private BenchBroker(HttpClient management, IBusControl bus, Uri url)
    {
        _management = management;
        _bus = bus;
        Url = url;
    }

    /// <summary>The AMQP URL of the benchmark's virtual host, for the worker.</summary>
    public Uri Url { get; }

    public IBus Bus => _bus;

    public static async Task<BenchBroker> CreateAsync(Uri brokerUrl, CancellationToken cancellationToken)
    {
        var user = Uri.UnescapeDataString(brokerUrl.UserInfo.Split(':')[0]);
        var password = Uri.UnescapeDataString(brokerUrl.UserInfo.Split(':')[1]);
        var management = new HttpClient { BaseAddress = new Uri($"http://{brokerUrl.Host}:15672/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using (await management.DeleteAsync($"api/vhosts/{VirtualHost}", cancellationToken))
        {
        }

        (await management.PutAsJsonAsync($"api/vhosts/{VirtualHost}", new { }, cancellationToken)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{VirtualHost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken))
            .EnsureSuccessStatusCode();
        var url = new UriBuilder(brokerUrl) { Path = "/" + VirtualHost }.Uri;
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(url));
        await bus.StartAsync(cancellationToken);
        return new BenchBroker(management, bus, url);
    }

    public async Task<Guid> RequestSyncAsync(string tenantId, bool fullResync, CancellationToken cancellationToken)
    {
        var runId = NewId.NextGuid();
        await _bus.Publish(new SyncRequested { TenantId = tenantId, RunId = runId, RequestedAt = DateTimeOffset.UtcNow, Origin = "benchmark", FullResync = fullResync }, cancellationToken);
        return runId;
    }

    /// <summary>Waits until <paramref name="queue"/> has a consumer: the worker declared it and is ready for requests.</summary>
    public async Task WaitForConsumerAsync(string queue, Func<bool> workerAlive, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await _management.GetAsync($"api/queues/{VirtualHost}/{queue}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (body.RootElement.TryGetProperty("consumers", out var consumers) && consumers.GetInt32() > 0) return;
            }

            if (!workerAlive()) throw new InvalidOperationException("the worker exited before consuming");
            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"no consumer on {queue} after two minutes");
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        _management.Dispose();
    }
}
