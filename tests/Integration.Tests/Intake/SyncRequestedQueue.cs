using System.Text.Json;
using RabbitMQ.Client;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// A temporary queue of the test's own, bound to the exchange MassTransit publishes <c>SyncRequested</c> to: it sees
/// every request the intake passed on, beside whatever worker consumes them.
/// </summary>
internal sealed class SyncRequestedQueue : IAsyncDisposable
{
    public const string Exchange = "fhirsync.v1.sync-requested";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private SyncRequestedQueue(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<SyncRequestedQueue> BindAsync(Uri brokerUrl)
    {
        var connection = await new ConnectionFactory { Uri = brokerUrl }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as MassTransit declares it (durable fanout), so whichever side comes first, both agree.
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, Exchange, routingKey: "");
        return new SyncRequestedQueue(connection, channel, queue.QueueName);
    }

    /// <summary>
    /// The <c>message</c> of every envelope in the queue now. The intake answers only after the broker confirmed the
    /// publish, and a confirmed message is already routed, so reading right after the answer misses nothing.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> TakeAllAsync()
    {
        var messages = new List<JsonElement>();
        while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } delivery)
            messages.Add(JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message").Clone());
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
