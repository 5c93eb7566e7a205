using System.Collections.Concurrent;
using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Publisher.Messaging;

/// <summary>
/// Publishes <see cref="SyncRequested"/> and, when asked, waits for each run's <see cref="SyncCompleted"/> or final
/// <see cref="SyncFailed"/> on a temporary queue that is bound before anything is published, so no outcome is missed.
/// </summary>
internal sealed class SyncRequestClient : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<SyncOutcome>> _pending = new();
    private readonly Action<SyncFailed> _onRetry;

    private SyncRequestClient(Uri brokerUrl, Action<SyncFailed> onRetry)
    {
        _onRetry = onRetry;
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(brokerUrl);
            rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
            {
                endpoint.Handler<SyncCompleted>(context => Resolve(context.Message.RunId, new SyncOutcome(context.Message, null)));
                endpoint.Handler<SyncFailed>(context =>
                {
                    if (context.Message.WillRetry) _onRetry(context.Message);
                    else Resolve(context.Message.RunId, new SyncOutcome(null, context.Message));
                    return Task.CompletedTask;
                });
            });
        });
    }

    public static async Task<SyncRequestClient> ConnectAsync(Uri brokerUrl, Action<SyncFailed> onRetry, CancellationToken cancellationToken)
    {
        var client = new SyncRequestClient(brokerUrl, onRetry);
        await client._bus.StartAsync(cancellationToken);
        return client;
    }

    /// <summary>Publishes a request; the returned task ends with the run's outcome.</summary>
    public Task<Task<SyncOutcome>> RequestAsync(string tenantId, string origin, bool fullResync, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        PublishAsync(runId => new SyncRequested { TenantId = tenantId, RunId = runId, RequestedAt = timeProvider.GetUtcNow(), Origin = origin, FullResync = fullResync }, cancellationToken);

    /// <summary>Publishes a <see cref="ReconcileRequested"/>; the returned task ends with the run's outcome (a sync run's events).</summary>
    public Task<Task<SyncOutcome>> ReconcileAsync(string tenantId, string origin, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        PublishAsync(runId => new ReconcileRequested { TenantId = tenantId, RunId = runId, RequestedAt = timeProvider.GetUtcNow(), Origin = origin }, cancellationToken);

    private async Task<Task<SyncOutcome>> PublishAsync<T>(Func<Guid, T> request, CancellationToken cancellationToken) where T : class
    {
        var runId = Guid.NewGuid();
        // Waiting before publishing, so an outcome that arrives at once still finds its run.
        var outcome = _pending.GetOrAdd(runId, _ => new TaskCompletionSource<SyncOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _bus.Publish(request(runId), cancellationToken);
        return outcome.Task;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(TimeSpan.FromSeconds(10));

    private Task Resolve(Guid runId, SyncOutcome outcome)
    {
        if (_pending.TryRemove(runId, out var waiting)) waiting.TrySetResult(outcome);
        return Task.CompletedTask;
    }
}
