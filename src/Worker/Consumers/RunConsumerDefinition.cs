using MassTransit;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// What every endpoint that runs tenants' syncs shares (the receive policy of <see cref="RunEndpointPolicy"/>), with
/// its own slots and, when given, its own queue name; <see cref="ConfigureEndpoint"/> adds what one endpoint needs more.
/// </summary>
internal abstract class RunConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly MessagingOptions _options;

    protected RunConsumerDefinition(MessagingOptions options, int concurrentMessageLimit, string? endpointName = null)
    {
        _options = options;
        ConcurrentMessageLimit = concurrentMessageLimit;
        if (endpointName is not null) EndpointName = endpointName;
    }

    protected virtual void ConfigureEndpoint(IReceiveEndpointConfigurator endpointConfigurator)
    {
    }

    protected sealed override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ConfigureEndpoint(endpointConfigurator);
        RunEndpointPolicy.Apply(endpointConfigurator, _options);
    }
}
