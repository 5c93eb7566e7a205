using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirSync.Publisher.Dashboard;

/// <summary>
/// Depths of FhirSync's queues from the RabbitMQ management API. A broker that cannot answer makes the page say so
/// instead of failing it; the problem is told by status or error kind, never with the login.
/// </summary>
internal sealed class RabbitMqQueues : IDisposable
{
    private const string QueuePrefix = "fhirsync-";
    private readonly HttpClient _http;
    private readonly string _virtualHost;

    public RabbitMqQueues(RabbitMqManagementLogin login)
    {
        _virtualHost = login.VirtualHost;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = login.ManagementUrl, Timeout = TimeSpan.FromSeconds(5),
        };
        if (login.User is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login.User}:{login.Password}")));
        }
    }

    public async Task<QueueStatus> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(
                $"api/queues/{Uri.EscapeDataString(_virtualHost)}?columns=name,messages_ready,messages_unacknowledged,consumers", cancellationToken);
            if (!response.IsSuccessStatusCode)
                return QueueStatus.Unavailable($"the RabbitMQ management API answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var queues = await response.Content.ReadFromJsonAsync<List<ManagementQueue>>(cancellationToken) ?? [];
            return new QueueStatus(null, [.. queues.Where(queue => queue.Name.StartsWith(QueuePrefix, StringComparison.Ordinal)).OrderBy(queue => queue.Name, StringComparer.Ordinal)
                .Select(queue => new QueueDepth(queue.Name, queue.Ready ?? 0, queue.Unacked ?? 0, queue.Consumers ?? 0))]);
        }
        catch (HttpRequestException ex)
        {
            return QueueStatus.Unavailable($"the RabbitMQ management API is unreachable ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return QueueStatus.Unavailable("the RabbitMQ management API did not answer in time");
        }
        catch (JsonException)
        {
            return QueueStatus.Unavailable("the RabbitMQ management API answered something other than a list of queues");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A queue as the management API lists it; its counts are missing until the broker first computed them.</summary>
    private sealed record ManagementQueue(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages_ready")] long? Ready,
        [property: JsonPropertyName("messages_unacknowledged")] long? Unacked,
        [property: JsonPropertyName("consumers")] int? Consumers);
}
