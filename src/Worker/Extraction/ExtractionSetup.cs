using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Worker.Extraction;

internal static class ExtractionSetup
{
    public static IHostApplicationBuilder AddExtraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExtractionOptions>().BindConfiguration(ExtractionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
