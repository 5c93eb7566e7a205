using System.Diagnostics;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Security;

namespace FhirSync.Integration.Tests.Monitoring;

/// <summary>
/// The worker's JSON log lines (its real Serilog pipeline, <c>Logging:Json=true</c>) during a run: every line the run
/// writes, from the handler, the runner, the pool or the sink, names the tenant and the run and continues the trace of
/// whoever published the request; no line holds a row value.
/// </summary>
[Collection(RealServices.Name)]
public sealed class RunLogsShould(ServicesFixture services)
{
    private static readonly ActivitySource Publisher = new("FhirSync.Tests.Publisher");

    [Fact]
    public async Task NameTheTenantAndRunOnEveryLineOfTheRunAndHoldNoRowValues()
    {
        var (runId, lines, console, _) = await RunLoggedAsync(traced: false);

        var ofTheRun = lines.Where(line => line.TryGetProperty("RunId", out var run) && run.GetString() == runId.ToString()).ToList();
        var started = ofTheRun.FindIndex(line => Message(line).Contains("started", StringComparison.Ordinal));
        var completed = ofTheRun.FindIndex(line => Message(line).Contains("completed in", StringComparison.Ordinal));
        Assert.True(started >= 0 && completed > started, $"the run's start and end are logged: {string.Join("\n", ofTheRun.Select(Message))}");
        // Everything logged between the run's first and last line, whatever wrote it, carries both ids.
        var first = lines.IndexOf(ofTheRun[started]);
        var last = lines.IndexOf(ofTheRun[completed]);
        var during = lines.Skip(first).Take(last - first + 1).ToList();
        Assert.Contains(during, line => Message(line).Contains("rows read", StringComparison.Ordinal)); // the runner's own line
        Assert.Contains(during, line => Category(line).Contains("Pools", StringComparison.Ordinal)); // the pool created for the run
        Assert.All(during, line =>
        {
            Assert.Equal("mon-logs-0", line.GetProperty("TenantId").GetString());
            Assert.Equal(runId.ToString(), line.GetProperty("RunId").GetString());
        });
        Assert.All(MonitoredTenants.FamilyNames, name => Assert.DoesNotContain(name, console, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContinueThePublishersTraceOnTheRunsLines()
    {
        using var listener = ListenToPublishes();

        var (runId, lines, _, publish) = await RunLoggedAsync(traced: true);
        var traceId = publish.TraceId.ToHexString();

        var traced = lines.Where(line => line.TryGetProperty("TraceId", out var trace) && trace.GetString() == traceId).ToList();
        Assert.Contains(traced, line => Message(line).Contains("started", StringComparison.Ordinal));
        Assert.Contains(traced, line => Message(line).Contains("completed in", StringComparison.Ordinal));
        Assert.All(traced, line =>
        {
            Assert.Equal(runId.ToString(), line.GetProperty("RunId").GetString());
            Assert.Matches("^[0-9a-f]{16}$", line.GetProperty("SpanId").GetString());
            Assert.NotEqual(publish.SpanId.ToHexString(), line.GetProperty("SpanId").GetString()); // the worker's own consume span, in the same trace
        });
    }

    /// <summary>One tenant synced once by a worker logging JSON; when <paramref name="traced"/>, the request is published inside an activity of the test's own.</summary>
    private async Task<(Guid RunId, List<JsonElement> Lines, string Console, ActivityContext Published)> RunLoggedAsync(bool traced)
    {
        // Requests other tests left in the shared work queue (the intake's, for tenants of their own) would be consumed
        // and logged by this worker in the middle of the run.
        await services.RabbitMq.PurgeWorkQueuesAsync();
        await using var tenants = await MonitoredTenants.CreateAsync(services, "mon-logs", 0);
        tenants.Settings["Logging:Json"] = "true";
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        string console;
        Guid runId;
        ActivityContext published = default;
        using (var output = new CapturedOutput())
        {
            await using (await TestWorker.StartAsync(tenants.Settings, productionLogging: true))
            {
                // Only the publish runs in the activity: the worker started outside it, so only what the message carries can join the trace.
                using (var publish = traced ? Publisher.StartActivity("request a sync", ActivityKind.Producer) : null)
                {
                    published = publish?.Context ?? default;
                    runId = await MonitoredTenants.RequestAsync(events, tenants.Ids[0]);
                }

                await MonitoredTenants.CompletedAsync(events, runId);
            }

            console = output.ConsoleText;
        }

        var lines = console.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        return (runId, lines, console, published);
    }

    /// <summary>The test's own source and MassTransit's on the publishing side, so the publish has a span to hand on.</summary>
    private static ActivityListener ListenToPublishes()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "FhirSync.Tests.Publisher" or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string Message(JsonElement line) => line.TryGetProperty("@m", out var message) ? message.GetString() ?? "" : "";

    private static string Category(JsonElement line) => line.TryGetProperty("SourceContext", out var category) ? category.GetString() ?? "" : "";
}
