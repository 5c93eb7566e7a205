using FhirSync.Publisher.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirSync.Publisher.Dashboard;

internal static class DashboardSetup
{
    /// <summary>Dashboard options (checked at start), the broker's management API and the status reader.</summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        builder.Services.AddSingleton(services => new RabbitMqQueues(RabbitMqManagementLogin.From(
            services.GetRequiredService<IOptions<DashboardOptions>>().Value, services.GetRequiredService<IConfiguration>().BrokerUrl())));
        builder.Services.AddSingleton<DashboardStatusReader>();
        return builder;
    }
}
