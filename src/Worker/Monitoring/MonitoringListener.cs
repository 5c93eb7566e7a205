using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace FhirSync.Worker.Monitoring;

/// <summary>
/// A small Kestrel app of its own beside the worker's generic host, on <c>Monitoring:Urls</c>: /health/live,
/// /health/ready (the checks tagged <see cref="ReadyTag"/>: the control database and MassTransit's bus) and /metrics.
/// It answers from the worker's own services, so the checks and meters are the worker's.
/// </summary>
internal sealed class MonitoringListener(IServiceProvider services, IOptions<MonitoringOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    /// <summary>MassTransit tags its bus check "ready" too.</summary>
    public const string ReadyTag = "ready";
    private WebApplication? _app;

    /// <summary>Where it listens, with the ports the system chose for port 0; empty when no listener is configured.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.Urls;
        if (string.IsNullOrWhiteSpace(urls)) return;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        // The worker's host owns signals and shutdown; a console lifetime here would answer SIGTERM a second time.
        builder.Services.AddSingleton<IHostLifetime, OwnedByTheWorker>();
        var app = builder.Build();
        var health = services.GetRequiredService<HealthCheckService>();
        app.MapGet("/health/live", context => HealthResponse.WriteAsync(context, HealthResponse.Live));
        app.MapGet("/health/ready", async context =>
            await HealthResponse.WriteAsync(context, await health.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), context.RequestAborted)));
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException failure)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"{MonitoringOptions.Section}:Urls: cannot listen on {urls} ({failure.Message})", failure);
        }

        _app = app;
        Addresses = [.. app.Urls.Select(url => new Uri(url))];
        var logger = loggerFactory.CreateLogger<MonitoringListener>();
        MonitoringLog.Listening(logger, Addresses);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }

    private sealed class OwnedByTheWorker : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
