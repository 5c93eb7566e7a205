using System.Net;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>
/// The worker's probes on real services: live while the process runs; ready only while the control database answers
/// and MassTransit's bus is connected; each answer names its checks and nothing secret.
/// </summary>
[Collection(RealServices.Name)]
public sealed class HealthEndpointsShould(ServicesFixture services) : IAsyncLifetime
{
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-health-").FullName;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync() =>
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_health"), _outputRoot);

    public Task DisposeAsync()
    {
        Directory.Delete(_outputRoot, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnswerLiveAndReadyWhileTheControlDatabaseAndTheBrokerAnswer()
    {
        await using var worker = await TestWorker.StartAsync(_settings);
        using var probe = new MonitoringClient(worker);

        var live = await probe.HealthAsync("/health/live");
        var ready = await Eventually.ValueAsync(() => probe.HealthAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, "readiness", describe: r => r.Text);

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal("Healthy", ready.Body.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.Body.GetProperty("checks").GetProperty("control-database").GetString());
        Assert.Equal("Healthy", ready.Body.GetProperty("checks").GetProperty("masstransit-bus").GetString());
        AssertNothingSecret(ready.Text);
    }

    [Fact]
    public async Task AnswerNotReadyButLiveWhileTheControlDatabaseIsUnreachable()
    {
        await using var relay = TcpRelay.Start("127.0.0.1", (int)new MySqlConnectionStringBuilder(_settings["ControlDatabase:ConnectionString"]!).Port);
        _settings["ControlDatabase:ConnectionString"] = new MySqlConnectionStringBuilder(_settings["ControlDatabase:ConnectionString"]!)
        {
            Server = "127.0.0.1", Port = (uint)relay.Port, ConnectionTimeout = 2,
        }.ConnectionString;
        await using var worker = await TestWorker.StartAsync(_settings);
        using var probe = new MonitoringClient(worker);
        await Eventually.ValueAsync(() => probe.HealthAsync("/health/ready"), r => r.Status == HttpStatusCode.OK, "readiness before the outage", describe: r => r.Text);

        relay.Refuse();
        var ready = await Eventually.ValueAsync(() => probe.HealthAsync("/health/ready"), r => r.Status == HttpStatusCode.ServiceUnavailable,
            "readiness to fail", describe: r => r.Text);
        var live = await probe.HealthAsync("/health/live");
        relay.Resume(); // lets the worker stop without waiting on its control database

        Assert.Equal("Unhealthy", ready.Body.GetProperty("checks").GetProperty("control-database").GetString());
        Assert.Equal("Healthy", ready.Body.GetProperty("checks").GetProperty("masstransit-bus").GetString());
        AssertNothingSecret(ready.Text);
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }

    private void AssertNothingSecret(string body)
    {
        var control = new MySqlConnectionStringBuilder(_settings["ControlDatabase:ConnectionString"]!);
        Assert.DoesNotContain(control.Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain(control.UserID, body, StringComparison.Ordinal);
        Assert.DoesNotContain(services.RabbitMq.BrokerUrl.UserInfo, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Server=", body, StringComparison.OrdinalIgnoreCase);
    }
}
