using System.Text;
using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using RabbitMQ.Client;

namespace FhirSync.Publisher.Messaging;

/// <summary>
/// The sync requests that failed for good, in <c>fhirsync-sync-requested_error</c>: listed without being taken, and
/// replayed to the work queue with their fault headers removed. A replayed message is acknowledged in the error queue
/// only after the broker confirmed it on the work queue, so a crash in between duplicates a request, never loses one
/// (a duplicate run rewrites the same resources).
/// </summary>
internal sealed class ErrorQueue : IAsyncDisposable
{
    /// <summary>The work queues whose error queues the commands visit: sync requests, then reconcile requests.</summary>
    public static readonly IReadOnlyList<string> WorkQueues = ["fhirsync-sync-requested", "fhirsync-reconcile-requested"];
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _workQueue;

    private ErrorQueue(IConnection connection, IChannel channel, string workQueue)
    {
        _connection = connection;
        _channel = channel;
        _workQueue = workQueue;
    }

    public string Name => NameOf(_workQueue);

    public static string NameOf(string workQueue) => workQueue + "_error";

    public static async Task<ErrorQueue> ConnectAsync(Uri brokerUrl, string workQueue, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = brokerUrl, ClientProvidedName = "fhirsync-errors" }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return new ErrorQueue(connection, channel, workQueue);
    }

    /// <summary>
    /// Goes through up to <paramref name="max"/> messages. Those <paramref name="replay"/> selects go back to the work
    /// queue; the others stay, since unacknowledged messages return to the queue when the channel closes.
    /// </summary>
    public async Task<IReadOnlyList<(DeadLetter Letter, bool Replayed)>> VisitAsync(int max, Func<DeadLetter, bool> replay, CancellationToken cancellationToken)
    {
        var visited = new List<(DeadLetter, bool)>();
        while (visited.Count < max && await _channel.BasicGetAsync(Name, autoAck: false, cancellationToken) is { } message)
        {
            var letter = Describe(message);
            var chosen = replay(letter);
            if (chosen)
            {
                await _channel.BasicPublishAsync(string.Empty, _workQueue, mandatory: true, WithoutFaultHeaders(message.BasicProperties), message.Body, cancellationToken);
                await _channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            }

            visited.Add((letter, chosen));
        }

        return visited;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }

    private static DeadLetter Describe(BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
        var reason = Text(headers, "MT-Fault-Message") ?? (headers.ContainsKey("x-death") ? "delivered too often without an answer (the broker's delivery limit)" : "unknown");
        var faultedAt = DateTimeOffset.TryParse(Text(headers, "MT-Fault-Timestamp"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        var (tenant, runId) = RequestOf(message.Body);
        return new DeadLetter(tenant, runId, reason, faultedAt);
    }

    /// <summary>The tenant and run a request names, read leniently: a malformed body is exactly what may sit here.</summary>
    private static (string Tenant, Guid? RunId) RequestOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (!envelope.RootElement.TryGetProperty("message", out var request)) return ("(no message)", null);
            var tenant = request.TryGetProperty("tenantId", out var t) && t.ValueKind == JsonValueKind.String ? TenantId.Printable(t.GetString()) : "(none)";
            var runId = request.TryGetProperty("runId", out var r) && r.TryGetGuid(out var id) ? id : (Guid?)null;
            return (tenant, runId);
        }
        catch (JsonException)
        {
            return ("(malformed)", null);
        }
    }

    private static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original) { Persistent = true };
        if (original.Headers is { } headers)
            properties.Headers = headers.Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key is not ("MT-Reason" or "x-death" or "x-delivery-count" or "FhirSync-Deferrals"))
                .ToDictionary(h => h.Key, h => h.Value);
        return properties;
    }

    private static string? Text(IDictionary<string, object?> headers, string name) => headers.TryGetValue(name, out var value) switch
    {
        true when value is byte[] bytes => Encoding.UTF8.GetString(bytes),
        true => value?.ToString(),
        false => null,
    };
}
