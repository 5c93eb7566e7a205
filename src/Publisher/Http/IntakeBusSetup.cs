using FhirSync.Publisher.Commands;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Publisher.Http;

internal static class IntakeBusSetup
{
    /// <summary>A publish-only bus on <c>RabbitMq:Url</c>; a publish completes only once the broker confirmed it.</summary>
    public static IHostApplicationBuilder AddIntakeBus(this IHostApplicationBuilder builder)
    {
        var brokerUrl = builder.Configuration.BrokerUrl();
        builder.Services.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) => rabbit.Host(brokerUrl, host => host.PublisherConfirmation = true)));
        // Serve refuses to start without a broker rather than accept requests it cannot pass on.
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
