using System.Net;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// What each intake test starts from: the class's environment up, a fresh queue of its own bound to the requests'
/// exchange, and the number of runs recorded so far, so a refusal can show that nothing new reached either.
/// </summary>
public abstract class IntakeScenario(ServicesFixture services, IntakeEnvironment intake) : IClassFixture<IntakeEnvironment>, IAsyncLifetime
{
    internal IntakeEnvironment Intake => intake;

    internal ServicesFixture Services => services;

    internal SyncRequestedQueue Published { get; private set; } = null!;

    private int _runsBefore;

    public async Task InitializeAsync()
    {
        await intake.StartAsync(services, Path.Combine(Path.GetTempPath(), $"fhirsync-intake-{intake.Suffix}"));
        Published = await SyncRequestedQueue.BindAsync(intake.BrokerUrl);
        _runsBefore = (await intake.RunsAsync()).Count;
    }

    public async Task DisposeAsync() => await Published.DisposeAsync();

    /// <summary>A refusal: the status, a problem body, nothing on the broker, and no run recorded.</summary>
    internal async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await IntakeCalls.ProblemAsync(response, status);
        Assert.Empty(await Published.TakeAllAsync());
        Assert.Equal(_runsBefore, (await intake.RunsAsync()).Count);
        return problem;
    }
}
