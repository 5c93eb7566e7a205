using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Testcontainers.RabbitMq;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ: a Testcontainers broker where Docker answers, otherwise the one named by FHIRSYNC_TEST_RABBITMQ.
/// Each test run gets its own virtual host, so a demo worker on the same broker never takes a test's messages.
/// </summary>
internal sealed class RabbitMqService : IAsyncDisposable
{
    private readonly RabbitMqContainer? _container;
    private readonly HttpClient _management;

    private RabbitMqService(RabbitMqContainer? container, Uri brokerRoot, Uri managementRoot, string virtualHost)
    {
        _container = container;
        VirtualHost = virtualHost;
        BrokerUrl = new Uri(brokerRoot, Uri.EscapeDataString(virtualHost));
        _management = new HttpClient { BaseAddress = managementRoot };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{brokerRoot.UserInfo}")));
    }

    public Uri BrokerUrl { get; }

    public string VirtualHost { get; }

    public static async Task<RabbitMqService> StartAsync()
    {
        RabbitMqContainer? container = null;
        Uri brokerRoot, managementRoot;
        if (DockerEngine.Answers)
        {
            container = new RabbitMqBuilder("rabbitmq:3-management").WithPortBinding(15672, true).Build();
            await container.StartAsync();
            brokerRoot = new Uri(container.GetConnectionString());
            managementRoot = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(15672)}/");
        }
        else
        {
            brokerRoot = new Uri(Environment.GetEnvironmentVariable("FHIRSYNC_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");
            managementRoot = new Uri(Environment.GetEnvironmentVariable("FHIRSYNC_TEST_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:15672/");
        }

        var service = new RabbitMqService(container, new Uri(brokerRoot.GetLeftPart(UriPartial.Authority) + "/"), managementRoot, $"fhirsync-test-{Guid.NewGuid():N}");
        await service.CreateVirtualHostAsync();
        return service;
    }

    /// <summary>Where the worker keeps sync requests that failed for good.</summary>
    public const string SyncRequestedErrorQueue = "fhirsync-sync-requested_error";

    /// <summary>Waits (up to 20 s) for <paramref name="expected"/> messages in the sync requests' error queue, then takes all there are.</summary>
    public async Task<System.Text.Json.JsonElement> TakeDeadLettersAsync(int expected)
    {
        for (var attempt = 0; attempt < 100 && await MessagesInQueueAsync(SyncRequestedErrorQueue) < expected; attempt++) await Task.Delay(200);
        return await TakeMessagesAsync(SyncRequestedErrorQueue, expected + 5);
    }

    /// <summary>Messages waiting in a queue of the test virtual host, from the management API.</summary>
    public async Task<int> MessagesInQueueAsync(string queue)
    {
        using var response = await _management.GetAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        response.EnsureSuccessStatusCode();
        var queueInfo = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return queueInfo.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0;
    }

    /// <summary>Takes up to <paramref name="count"/> messages from a queue (headers and body) via the management API.</summary>
    public async Task<System.Text.Json.JsonElement> TakeMessagesAsync(string queue, int count)
    {
        using var response = await _management.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_false", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    /// <summary>A queue as the management API describes it (type, arguments, counts).</summary>
    public async Task<System.Text.Json.JsonElement> QueueAsync(string queue) =>
        await _management.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}");

    /// <summary>
    /// A queue's ready messages and consumers as the management API's queue list gives them, which is what the
    /// dashboard reads: the list is cached server-side apart from the single-queue view, so each may lag the other.
    /// </summary>
    public async Task<(long Ready, int Consumers)> ListedQueueAsync(string queue)
    {
        var queues = await _management.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"api/queues/{Uri.EscapeDataString(VirtualHost)}?columns=name,messages_ready,consumers");
        foreach (var listed in queues.EnumerateArray())
        {
            if (listed.GetProperty("name").GetString() != queue) continue;
            return (listed.TryGetProperty("messages_ready", out var ready) ? ready.GetInt64() : 0,
                listed.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0);
        }

        return (0, 0);
    }

    /// <summary>Empties a queue; the virtual host is shared by the whole test run, so a test that counts a queue starts it empty.</summary>
    public async Task PurgeAsync(string queue)
    {
        using var response = await _management.DeleteAsync($"api/queues/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(queue)}/contents");
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
    }

    /// <summary>Empties the sync work queues, which every test's workers share, of what earlier tests left there.</summary>
    public async Task PurgeWorkQueuesAsync()
    {
        foreach (var queue in (string[])["fhirsync-sync-requested", "fhirsync-sync-scheduled", "fhirsync-sync-intake"]) await PurgeAsync(queue);
    }

    /// <summary>Publishes raw bytes to an exchange, as a non-.NET client could, bypassing MassTransit's serializer.</summary>
    public async Task PublishRawAsync(string exchange, string payload, string contentType)
    {
        using var response = await _management.PostAsJsonAsync($"api/exchanges/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(exchange)}/publish",
            new { properties = new { content_type = contentType, delivery_mode = 2, message_id = Guid.NewGuid().ToString() }, routing_key = "", payload, payload_encoding = "string" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A broker login of the test virtual host that may only publish to <paramref name="writableExchange"/>, as an
    /// operator would give another system. Returns its URL (with its password).
    /// </summary>
    public async Task<Uri> CreatePublisherUserAsync(string name, string writableExchange)
    {
        var password = Guid.NewGuid().ToString("N");
        (await _management.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(name)}", new { password, tags = "" })).EnsureSuccessStatusCode();
        (await _management.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(name)}",
            new { configure = "^$", write = $"^{System.Text.RegularExpressions.Regex.Escape(writableExchange)}$", read = "^$" })).EnsureSuccessStatusCode();
        return new UriBuilder(BrokerUrl) { UserName = name, Password = password }.Uri;
    }

    public async Task DeleteUserAsync(string name) => await _management.DeleteAsync($"api/users/{Uri.EscapeDataString(name)}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(VirtualHost)}");
        }
        finally
        {
            _management.Dispose();
            if (_container is not null) await _container.DisposeAsync();
        }
    }

    private async Task CreateVirtualHostAsync()
    {
        var vhost = Uri.EscapeDataString(VirtualHost);
        (await _management.PutAsJsonAsync($"api/vhosts/{vhost}", new { })).EnsureSuccessStatusCode();
        var user = BrokerUrl.UserInfo.Split(':')[0];
        (await _management.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }
}
