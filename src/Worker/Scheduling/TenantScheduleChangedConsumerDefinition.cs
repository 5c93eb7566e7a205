using MassTransit;

namespace FhirSync.Worker.Scheduling;

/// <summary>A durable queue shared by the workers, unlike the cache's per-worker one: the schedule store is shared too.</summary>
internal sealed class TenantScheduleChangedConsumerDefinition : ConsumerDefinition<TenantScheduleChangedConsumer>
{
    public TenantScheduleChangedConsumerDefinition() => EndpointName = "fhirsync-tenant-schedules";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TenantScheduleChangedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
        endpointConfigurator.UseMessageRetry(retry => retry.Interval(3, TimeSpan.FromSeconds(2)));
    }
}
