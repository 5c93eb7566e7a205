using System.Net;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Breakers;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Polly.CircuitBreaker;

namespace FhirSync.Integration.Tests.Breakers;

/// <summary>
/// The per-tenant breakers on a fake clock. Source failures are real: a MariaDB client connecting to a port where
/// nothing listens. Sink failures are the HttpRequestException an unreachable FHIR store gives.
/// </summary>
public sealed class TenantBreakersShould
{
    private static readonly TenantId Hospital = TenantId.Parse("hospital-a");
    private static readonly TenantId Clinic = TenantId.Parse("clinic-b");
    private readonly FakeTimeProvider _clock = new();
    private int _runs;

    private TenantBreakers Breakers(int maxTracked = 10_000) => new(
        Options.Create(new BreakerOptions { BreakDuration = TimeSpan.FromMinutes(2), SamplingDuration = TimeSpan.FromMinutes(30), MaxTracked = maxTracked }),
        _clock, NullLogger<TenantBreakers>.Instance);

    [Fact]
    public async Task OpenATenantsSourceBreakerAfterTwoFailedRunsAndRefuseTheNextWithoutStartingIt()
    {
        var breakers = Breakers();
        await Assert.ThrowsAsync<MySqlException>(() => breakers.ExecuteAsync(Hospital, _ => SourceDownAsync(), CancellationToken.None));
        Assert.Equal(CircuitState.Closed, breakers.StateOf(Hospital, TenantDependency.Source)); // one failure is not a pattern
        await Assert.ThrowsAsync<MySqlException>(() => breakers.ExecuteAsync(Hospital, _ => SourceDownAsync(), CancellationToken.None));

        var refused = await Assert.ThrowsAsync<TenantBreakerOpenException>(() => breakers.ExecuteAsync(Hospital, _ => SucceedAsync(), CancellationToken.None));

        Assert.Equal(2, _runs);
        Assert.Equal(TenantDependency.Source, refused.Dependency);
        Assert.Equal("the source breaker of tenant 'hospital-a' is open after repeated failures", refused.Message);
        Assert.True(refused.RetryAfter > TimeSpan.Zero && refused.RetryAfter <= TimeSpan.FromMinutes(2));
        Assert.Equal(CircuitState.Closed, breakers.StateOf(Hospital, TenantDependency.Sink));
    }

    [Fact]
    public async Task LetOneRunTestTheDependencyAfterTheBreakAndCloseWhenItSucceeds()
    {
        var breakers = Breakers();
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<HttpRequestException>(() => breakers.ExecuteAsync(Hospital, _ => SinkDownAsync(), CancellationToken.None));
        Assert.Equal(CircuitState.Open, breakers.StateOf(Hospital, TenantDependency.Sink));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TenantDependency.Sink,
            (await Assert.ThrowsAsync<TenantBreakerOpenException>(() => breakers.ExecuteAsync(Hospital, _ => SucceedAsync(), CancellationToken.None))).Dependency);

        _clock.Advance(TimeSpan.FromMinutes(1.1));
        Assert.Equal(1, await breakers.ExecuteAsync(Hospital, _ => SucceedAsync(), CancellationToken.None));

        Assert.Equal(CircuitState.Closed, breakers.StateOf(Hospital, TenantDependency.Sink));
        Assert.Equal(3, _runs);
    }

    [Fact]
    public async Task KeepOneTenantsOpenBreakerFromRefusingAnotherTenant()
    {
        var breakers = Breakers();
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<MySqlException>(() => breakers.ExecuteAsync(Hospital, _ => SourceDownAsync(), CancellationToken.None));

        Assert.Equal(1, await breakers.ExecuteAsync(Clinic, _ => SucceedAsync(), CancellationToken.None));
        await Assert.ThrowsAsync<TenantBreakerOpenException>(() => breakers.ExecuteAsync(Hospital, _ => SucceedAsync(), CancellationToken.None));
    }

    [Fact]
    public async Task NotOpenForFailuresThatRetryingCannotFix()
    {
        var breakers = Breakers();
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<UnknownTenantException>(() => breakers.ExecuteAsync(Hospital, _ => Task.FromException<int>(new UnknownTenantException("hospital-a", "is not registered")), CancellationToken.None));

        Assert.Equal(1, await breakers.ExecuteAsync(Hospital, _ => SucceedAsync(), CancellationToken.None));
    }

    [Fact]
    public async Task StayBoundedByForgettingClosedBreakersButKeepEveryOpenOne()
    {
        var breakers = Breakers(maxTracked: 16);
        for (var i = 0; i < 2; i++) await Assert.ThrowsAsync<MySqlException>(() => breakers.ExecuteAsync(Hospital, _ => SourceDownAsync(), CancellationToken.None));

        for (var tenant = 0; tenant < 200; tenant++)
        {
            await breakers.ExecuteAsync(TenantId.Parse($"tenant-{tenant}"), _ => SucceedAsync(), CancellationToken.None);
            Assert.True(breakers.Count <= 16, $"{breakers.Count} breakers tracked after tenant {tenant}");
        }

        Assert.Equal(CircuitState.Open, breakers.StateOf(Hospital, TenantDependency.Source));
    }

    private async Task<int> SourceDownAsync()
    {
        _runs++;
        await using var connection = new MySqlConnection("Server=127.0.0.1;Port=1;User ID=nobody;Connection Timeout=2");
        await connection.OpenAsync();
        return 0;
    }

    private Task<int> SinkDownAsync()
    {
        _runs++;
        return Task.FromException<int>(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused", statusCode: HttpStatusCode.ServiceUnavailable));
    }

    private Task<int> SucceedAsync()
    {
        _runs++;
        return Task.FromResult(1);
    }
}
