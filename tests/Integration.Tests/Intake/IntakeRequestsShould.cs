using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// <c>POST /tenants/{t}/syncs</c> and <c>GET /tenants/{t}/syncs/{run}</c> on a real <c>fhirsync serve</c>, with real
/// tokens from the OIDC test provider and real API keys: accepted requests reach RabbitMQ and the control database;
/// invalid ones reach neither.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IntakeRequestsShould(ServicesFixture services, IntakeEnvironment intake) : IClassFixture<IntakeEnvironment>, IAsyncLifetime
{
    private SyncRequestedQueue _published = null!;
    private int _runsBefore;

    public async Task InitializeAsync()
    {
        await intake.StartAsync(services, Path.Combine(Path.GetTempPath(), $"fhirsync-intake-{intake.Suffix}"));
        _published = await SyncRequestedQueue.BindAsync(intake.BrokerUrl);
        _runsBefore = (await intake.RunsAsync()).Count;
    }

    public async Task DisposeAsync() => await _published.DisposeAsync();

    [Fact]
    public async Task QueueARunAndPublishItsRequestForAClientWithFhirWrite()
    {
        using var http = intake.Http(await intake.Provider.TokenAsync(intake.ClientA));

        using var response = await http.PostSyncAsync(intake.TenantA, """{ "fullResync": true, "resourceTypes": ["Patient"] }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = accepted.GetProperty("runId").GetGuid();
        Assert.Equal("queued", accepted.GetProperty("state").GetString());
        Assert.Equal($"/tenants/{intake.TenantA}/syncs/{runId}", response.Headers.Location?.ToString());
        var message = Assert.Single(await _published.TakeAllAsync());
        Assert.Equal(intake.TenantA, message.GetProperty("tenantId").GetString());
        Assert.Equal(runId, message.GetProperty("runId").GetGuid());
        Assert.Equal($"http:{intake.TenantA}", message.GetProperty("origin").GetString());
        Assert.True(message.GetProperty("fullResync").GetBoolean());
        Assert.Equal(["Patient"], message.GetProperty("resourceTypes").EnumerateArray().Select(t => t.GetString()));

        using var run = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var view = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(runId, view.GetProperty("runId").GetGuid());
        Assert.Equal("queued", view.GetProperty("state").GetString());
        Assert.Equal($"http:{intake.TenantA}", view.GetProperty("origin").GetString());
        Assert.Equal(message.GetProperty("requestedAt").GetDateTimeOffset(), view.GetProperty("requestedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("startedAt").ValueKind);
    }

    [Fact]
    public async Task AcceptAnEmptyBodyAndRolesFromKeycloaksRealmAccess()
    {
        using var http = intake.Http(await intake.Provider.TokenAsync(intake.ClientB));

        using var response = await http.PostSyncAsync(intake.TenantB);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await _published.TakeAllAsync());
        Assert.Equal(intake.TenantB, message.GetProperty("tenantId").GetString());
        Assert.False(message.GetProperty("fullResync").GetBoolean());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("resourceTypes").ValueKind);
    }

    [Fact]
    public async Task AcceptATenantsApiKeyForItsOwnTenant()
    {
        using var http = intake.Http(apiKey: intake.ApiKeys[intake.TenantB]);

        using var response = await http.PostSyncAsync(intake.TenantB, """{ "resourceTypes": ["Patient"] }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await _published.TakeAllAsync());
        var keyId = intake.ApiKeys[intake.TenantB].Split('_')[1];
        Assert.Equal($"api-key:{keyId}", message.GetProperty("origin").GetString());
        using var run = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
    }

    [Fact]
    public async Task RefuseMalformedJsonNamingWhereWithoutEchoingIt()
    {
        using var http = intake.Http(await intake.Provider.TokenAsync(intake.ClientA));

        using var response = await http.PostSyncAsync(intake.TenantA, """{ "fullResync": "<script>secret-value</script>" }""");

        var problem = await intake.AssertRefusedAsync(response, HttpStatusCode.BadRequest, _published, _runsBefore);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("$.fullResync", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "fullResync": tru }""")]
    [InlineData("""{ "unknownMember": 1 }""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{ "resourceTypes": [] }""")]
    public async Task RefuseABodyThatIsNotASyncRequest(string body)
    {
        using var http = intake.Http(await intake.Provider.TokenAsync(intake.ClientA));

        using var response = await http.PostSyncAsync(intake.TenantA, body);

        await intake.AssertRefusedAsync(response, HttpStatusCode.BadRequest, _published, _runsBefore);
    }

    [Fact]
    public async Task RefuseAResourceTypeTheTenantsMappingDoesNotProduceEchoingItSanitized()
    {
        using var http = intake.Http(await intake.Provider.TokenAsync(intake.ClientA));

        using var response = await http.PostSyncAsync(intake.TenantA, """{ "resourceTypes": ["Patient", "Obs<script>\r\nvation"] }""");

        var problem = await intake.AssertRefusedAsync(response, HttpStatusCode.BadRequest, _published, _runsBefore);
        Assert.Equal($"resource type 'Obs?script???vation' is not mapped for tenant {intake.TenantA}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnswerNotFoundForATenantThatIsNotRegistered()
    {
        using var unregistered = intake.Http(await intake.Provider.TokenAsync(intake.Unregistered));
        using var admin = intake.Http(await intake.Provider.TokenAsync(intake.Admin));

        using var own = await unregistered.PostSyncAsync(intake.Unregistered.ClientId);
        using var malformedId = await admin.PostSyncAsync("Not_A_Tenant");

        await intake.AssertRefusedAsync(own, HttpStatusCode.NotFound, _published, _runsBefore);
        await intake.AssertRefusedAsync(malformedId, HttpStatusCode.NotFound, _published, _runsBefore);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherTenantsRunAsForOneThatDoesNotExist()
    {
        using var clientA = intake.Http(await intake.Provider.TokenAsync(intake.ClientA));
        using var clientB = intake.Http(await intake.Provider.TokenAsync(intake.ClientB));
        using var accepted = await clientA.PostSyncAsync(intake.TenantA);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();

        using var underOtherTenant = await clientB.GetAsync($"/tenants/{intake.TenantB}/syncs/{runId}");
        using var unknown = await clientB.GetAsync($"/tenants/{intake.TenantB}/syncs/{Guid.NewGuid()}");

        var hidden = await IntakeCalls.ProblemAsync(underOtherTenant, HttpStatusCode.NotFound);
        await IntakeCalls.ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal($"tenant '{intake.TenantB}' has no run {runId}", hidden.GetProperty("detail").GetString());
    }
}
