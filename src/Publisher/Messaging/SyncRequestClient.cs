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
    private readonly Action<string> _onProgress;

    private SyncRequestClient(Uri brokerUrl, Action<string> onProgress)
    {
        _onProgress = onProgress;
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(brokerUrl);
            rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
            {
                endpoint.Handler<SyncCompleted>(context => Resolve(context.Message.RunId, new SyncOutcome(context.Message, null)));
                endpoint.Handler<SyncFailed>(context =>
                {
                    var failed = context.Message;
                    if (!failed.WillRetry) return Resolve(failed.RunId, new SyncOutcome(null, failed));
                    Report(failed.RunId, $"{failed.TenantId}: attempt failed at {failed.Stage}, retrying: {failed.Reason}");
                    return Task.CompletedTask;
                });
                endpoint.Handler<SyncDeferred>(context =>
                {
                    var deferred = context.Message;
                    Report(deferred.RunId, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{deferred.TenantId}: deferred until {deferred.RetryAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (deferral {deferred.Deferrals}): {deferred.Reason}"));
                    return Task.CompletedTask;
                });
            });
        });
    }

    /// <summary>Connects and binds the outcome queue; <paramref name="onProgress"/> hears of this client's runs only (a retried attempt, a deferral).</summary>
    public static async Task<SyncRequestClient> ConnectAsync(Uri brokerUrl, Action<string> onProgress, CancellationToken cancellationToken)
    {
        var client = new SyncRequestClient(brokerUrl, onProgress);
        await client._bus.StartAsync(cancellationToken);
        return client;
    }

    /// <summary>Publishes a request; the returned task ends with the run's outcome.</summary>
    public Task<Task<SyncOutcome>> RequestAsync(string tenantId, string origin, bool fullResync, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        PublishAsync(runId => new SyncRequested { TenantId = tenantId, RunId = runId, RequestedAt = timeProvider.GetUtcNow(), Origin = origin, FullResync = fullResync }, cancellationToken);

    /// <summary>Publishes a request made by the caller, without waiting for its outcome here (the control database has it).</summary>
    public Task PublishAsync(SyncRequested request, CancellationToken cancellationToken) => _bus.Publish(request, cancellationToken);

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

    /// <summary>Other systems' runs share the exchanges; only this client's own are reported.</summary>
    private void Report(Guid runId, string line)
    {
        if (_pending.ContainsKey(runId)) _onProgress(line);
    }

    private Task Resolve(Guid runId, SyncOutcome outcome)
    {
        if (_pending.TryRemove(runId, out var waiting)) waiting.TrySetResult(outcome);
        return Task.CompletedTask;
    }
}
