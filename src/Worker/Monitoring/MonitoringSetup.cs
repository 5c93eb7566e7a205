using System.Diagnostics.Metrics;
using FhirSync.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FhirSync.Worker.Monitoring;

internal static class MonitoringSetup
{
    /// <summary>MassTransit's ActivitySource: listening to it makes publish and consume carry one trace.</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>Health checks, the worker's meter exported for Prometheus, MassTransit's traces, and the listener that serves them.</summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHealthChecks()
            .AddCheck<ControlDatabaseHealthCheck>(ControlDatabaseHealthCheck.Name, tags: [MonitoringListener.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<WorkerMetrics>();
        // Read now, from appsettings and FHIRSYNC_ variables: the exporter is wired before the host is built.
        var otlp = builder.Configuration[$"{MonitoringOptions.Section}:{nameof(MonitoringOptions.OtlpEndpoint)}"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fhirsync-worker", serviceInstanceId: WorkerInstance.Current));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(WorkerMetrics.MeterName).AddPrometheusExporter();
            if (otlp is not null) metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
        });
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(MassTransitSource);
            if (otlp is not null) tracing.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
        });
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics.AddView(OwnInstruments(services.GetRequiredService<IMeterFactory>())));
        builder.Services.AddSingleton<MonitoringListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MonitoringListener>());
        return builder;
    }

    /// <summary>
    /// This host's meter only (a test process runs several workers, each with a meter of the same name), and run
    /// durations in buckets from half a second to an hour.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnInstruments(IMeterFactory ours) => instrument =>
        !ReferenceEquals(instrument.Meter.Scope, ours) ? MetricStreamConfiguration.Drop
        : instrument.Name == WorkerMetrics.RunDuration ? new ExplicitBucketHistogramConfiguration { Boundaries = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] }
        : null;
}
