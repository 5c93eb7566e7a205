using MassTransit;

namespace FhirSync.Worker.Consumers;

/// <summary>The receive policy every endpoint that runs tenants' syncs shares (sync and reconcile requests).</summary>
internal static class RunEndpointPolicy
{
    public static void Apply(IReceiveEndpointConfigurator endpointConfigurator, MessagingOptions options)
    {
        // A quorum queue is replicated and counts deliveries (x-delivery-count); the handler refuses a message delivered
        // more than DeliveryLimit times, so one that kills the worker each time ends in the error queue instead of looping.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();

        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Interval(options.RetryLimit, TimeSpan.FromMilliseconds(options.RetryIntervalMs));
            // A missing tenant or a broken mapping will not heal by retrying: straight to the error queue.
            retry.Handle<SyncRunFailedException>(failure => !failure.IsPermanent);
        });
    }
}
