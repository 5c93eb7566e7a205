using System.Security.Cryptography;
using FhirSync.ControlPlane;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Onboarding;
using FhirSync.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// The real worker, composed by the same <c>AddWorkerStages</c> as Program.cs, on its own control database, broker
/// virtual host, master key and output folder.
/// </summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private TestWorker(IHost host, string outputRoot)
    {
        _host = host;
        OutputRoot = outputRoot;
    }

    public string OutputRoot { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Settings for a worker and the onboarding that shares its control database and key.</summary>
    public static Dictionary<string, string?> Settings(ServicesFixture services, string controlDatabase, string outputRoot) => new()
    {
        ["ControlDatabase:ConnectionString"] = controlDatabase,
        ["RabbitMq:Url"] = services.RabbitMq.BrokerUrl.ToString(),
        ["RabbitMq:RetryLimit"] = "1",
        ["RabbitMq:RetryIntervalMs"] = "200",
        // A transient failure goes to the error queue once the short retries are spent, as most tests expect; tests of
        // deferral raise the limit.
        ["RabbitMq:DeferralLimit"] = "0",
        ["Secrets:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Sinks:NdjsonRoot"] = outputRoot,
        ["Extraction:PageSize"] = "700",
        ["Scheduling:RequestOnStart"] = "false",
        // Port 0: the system picks a free port for each worker's health and metrics listener, so workers never collide.
        ["Monitoring:Urls"] = "http://127.0.0.1:0",
    };

    /// <param name="settings">From <see cref="Settings"/>, plus whatever the test changes.</param>
    /// <param name="logs">When given, also receives every log event at every level, trace included.</param>
    /// <param name="productionLogging">Log through the worker's own Serilog pipeline (console, as configured) instead of a simple console.</param>
    public static async Task<TestWorker> StartAsync(IReadOnlyDictionary<string, string?> settings, LogCapture? logs = null, bool productionLogging = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddWorkerStages();
        builder.Configuration.AddInMemoryCollection(settings);
        if (productionLogging) builder.AddFhirSyncLogging();
        else builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddFilter("System.Net.Http", LogLevel.Warning);
        if (logs is not null) builder.Logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace);
        var host = builder.Build();
        // Quartz keeps its logger factory in a static; several hosts in one test process must each hand it theirs.
        Quartz.Logging.LogContext.SetCurrentLogProvider(host.Services.GetRequiredService<ILoggerFactory>());
        await host.MigrateControlDatabaseAsync();
        await host.StartAsync();
        return new TestWorker(host, settings["Sinks:NdjsonRoot"]!);
    }

    /// <summary>Onboarding as the Publisher does it, against the same control database and key.</summary>
    public static async Task<TenantOnboarding> OnboardingAsync(IReadOnlyDictionary<string, string?> settings) =>
        (await ControlPlaneAsync(settings)).Services.GetRequiredService<TenantOnboarding>();

    private static async Task<IHost> ControlPlaneAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddControlPlane();
        builder.Services.AddSingleton<TenantOnboarding>();
        var host = builder.Build();
        await host.MigrateControlDatabaseAsync();
        return host;
    }

    public static async Task<TenantRegistry> RegistryAsync(IReadOnlyDictionary<string, string?> settings) =>
        (await ControlPlaneAsync(settings)).Services.GetRequiredService<TenantRegistry>();

    public static async Task<FhirSync.ControlPlane.Runs.RunStore> RunsAsync(IReadOnlyDictionary<string, string?> settings) =>
        (await ControlPlaneAsync(settings)).Services.GetRequiredService<FhirSync.ControlPlane.Runs.RunStore>();

    public static async Task<FhirSync.ControlPlane.Usage.UsageStore> UsageAsync(IReadOnlyDictionary<string, string?> settings) =>
        (await ControlPlaneAsync(settings)).Services.GetRequiredService<FhirSync.ControlPlane.Usage.UsageStore>();

    public static async Task<FhirSync.ControlPlane.ApiKeys.TenantApiKeys> ApiKeysAsync(IReadOnlyDictionary<string, string?> settings) =>
        (await ControlPlaneAsync(settings)).Services.GetRequiredService<FhirSync.ControlPlane.ApiKeys.TenantApiKeys>();

    /// <summary>Key rotation as <c>fhirsync keys rotate</c> runs it, with the key ring these settings load.</summary>
    public static async Task<TenantKeyRotation> KeyRotationAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var services = (await ControlPlaneAsync(settings)).Services;
        return new TenantKeyRotation(services.GetRequiredService<TenantRegistry>(), services.GetRequiredService<SecretProtector>());
    }

    public static SecretProtector Protector(IReadOnlyDictionary<string, string?> settings) =>
        new("k1", Convert.FromBase64String(settings["Secrets:Key"]!));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
        // Each test's control database is a new connection string, so a new client pool (the worker's and Quartz's) whose
        // idle connections would otherwise stay open for minutes and, over a whole run, fill the server's max_connections.
        await MySqlConnector.MySqlConnection.ClearAllPoolsAsync();
    }
}
