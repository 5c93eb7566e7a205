using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace FhirSync.Worker.Hosting;

internal static class LoggingSetup
{
    /// <summary>Logs until configuration is read; plain console, nothing secret is known yet.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() => new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

    /// <summary>Serilog from the <c>Serilog</c> section; <c>Logging:Json=true</c> switches the console to compact JSON.</summary>
    public static IHostApplicationBuilder AddFhirSyncLogging(this IHostApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue("Logging:Json", false);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext().Enrich.With<TraceContext>().Enrich.With<SecretMasking>();
            if (json) logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            else logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        });
        return builder;
    }
}
