using System.Collections.Concurrent;
using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Listens, as any subscriber would, to the run events a worker publishes, and to what tests publish.</summary>
internal sealed class BusEventRecorder : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private BusEventRecorder(Uri brokerUrl)
    {
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(brokerUrl);
            rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
            {
                endpoint.Handler<SyncCompleted>(context => Record(Completed, context.Message));
                endpoint.Handler<SyncFailed>(context => Record(Failed, context.Message));
                endpoint.Handler<SyncDeferred>(context => Record(Deferred, context.Message));
                endpoint.Handler<SyncRequested>(context => Record(Requested, context.Message));
                endpoint.Handler<UsageRecorded>(context => Record(Usage, context.Message));
            });
        });
    }

    public ConcurrentQueue<SyncCompleted> Completed { get; } = new();

    public ConcurrentQueue<SyncFailed> Failed { get; } = new();

    public ConcurrentQueue<SyncDeferred> Deferred { get; } = new();

    /// <summary>Every sync request published on the broker, by anyone (schedules included).</summary>
    public ConcurrentQueue<SyncRequested> Requested { get; } = new();

    public ConcurrentQueue<UsageRecorded> Usage { get; } = new();

    public IBus Bus => _bus;

    public static async Task<BusEventRecorder> StartAsync(Uri brokerUrl)
    {
        var recorder = new BusEventRecorder(brokerUrl);
        await recorder._bus.StartAsync();
        return recorder;
    }

    /// <summary>Waits until <paramref name="done"/> holds, or fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<BusEventRecorder, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(this))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for {what}; completed: [{string.Join(", ", Completed.Select(c => c.TenantId))}], failed: [{string.Join(", ", Failed.Select(f => $"{f.TenantId} {f.Stage} {f.Reason}"))}]");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(TimeSpan.FromSeconds(10));

    private static Task Record<T>(ConcurrentQueue<T> queue, T message)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }
}
