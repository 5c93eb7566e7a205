using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace FhirSync.Worker.Scheduling;

internal static class SchedulingSetup
{
    public static IHostApplicationBuilder AddTenantSchedules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<TenantScheduleRegistrar>();
        return builder;
    }
}
