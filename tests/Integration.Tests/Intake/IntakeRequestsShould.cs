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
public sealed class IntakeRequestsShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task QueueARunAndPublishItsRequestForAClientWithFhirWrite()
    {
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var response = await http.PostSyncAsync(Intake.TenantA, """{ "fullResync": true, "resourceTypes": ["Patient"] }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = accepted.GetProperty("runId").GetGuid();
        Assert.Equal("queued", accepted.GetProperty("state").GetString());
        Assert.Equal($"/tenants/{Intake.TenantA}/syncs/{runId}", response.Headers.Location?.ToString());
        var message = Assert.Single(await Published.TakeAllAsync());
        Assert.Equal(Intake.TenantA, message.GetProperty("tenantId").GetString());
        Assert.Equal(runId, message.GetProperty("runId").GetGuid());
        Assert.Equal($"http:{Intake.TenantA}", message.GetProperty("origin").GetString());
        Assert.True(message.GetProperty("fullResync").GetBoolean());
        Assert.Equal(["Patient"], message.GetProperty("resourceTypes").EnumerateArray().Select(t => t.GetString()));

        using var run = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var view = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(runId, view.GetProperty("runId").GetGuid());
        Assert.Equal("queued", view.GetProperty("state").GetString());
        Assert.Equal($"http:{Intake.TenantA}", view.GetProperty("origin").GetString());
        Assert.Equal(message.GetProperty("requestedAt").GetDateTimeOffset(), view.GetProperty("requestedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("startedAt").ValueKind);
    }

    [Fact]
    public async Task AcceptAnEmptyBodyAndRolesFromKeycloaksRealmAccess()
    {
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientB));

        using var response = await http.PostSyncAsync(Intake.TenantB);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await Published.TakeAllAsync());
        Assert.Equal(Intake.TenantB, message.GetProperty("tenantId").GetString());
        Assert.False(message.GetProperty("fullResync").GetBoolean());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("resourceTypes").ValueKind);
    }

    [Fact]
    public async Task AcceptATenantsApiKeyForItsOwnTenant()
    {
        using var http = Intake.Http(apiKey: Intake.ApiKeys[Intake.TenantB]);

        using var response = await http.PostSyncAsync(Intake.TenantB, """{ "resourceTypes": ["Patient"] }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await Published.TakeAllAsync());
        var keyId = Intake.ApiKeys[Intake.TenantB].Split('_')[1];
        Assert.Equal($"api-key:{keyId}", message.GetProperty("origin").GetString());
        using var run = await http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
    }

    [Fact]
    public async Task RefuseMalformedJsonNamingWhereWithoutEchoingIt()
    {
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var response = await http.PostSyncAsync(Intake.TenantA, """{ "fullResync": "<script>secret-value</script>" }""");

        var problem = await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
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
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var response = await http.PostSyncAsync(Intake.TenantA, body);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RefuseAResourceTypeTheTenantsMappingDoesNotProduceEchoingItSanitized()
    {
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var response = await http.PostSyncAsync(Intake.TenantA, """{ "resourceTypes": ["Patient", "Obs<script>\r\nvation"] }""");

        var problem = await AssertRefusedAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal($"resource type 'Obs?script???vation' is not mapped for tenant {Intake.TenantA}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnswerNotFoundForATenantThatIsNotRegistered()
    {
        using var unregistered = Intake.Http(await Intake.Provider.TokenAsync(Intake.Unregistered));
        using var admin = Intake.Http(await Intake.Provider.TokenAsync(Intake.Admin));

        using var own = await unregistered.PostSyncAsync(Intake.Unregistered.ClientId);
        using var malformedId = await admin.PostSyncAsync("Not_A_Tenant");

        await AssertRefusedAsync(own, HttpStatusCode.NotFound);
        await AssertRefusedAsync(malformedId, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherTenantsRunAsForOneThatDoesNotExist()
    {
        using var clientA = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));
        using var clientB = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientB));
        using var accepted = await clientA.PostSyncAsync(Intake.TenantA);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetGuid();

        using var underOtherTenant = await clientB.GetAsync($"/tenants/{Intake.TenantB}/syncs/{runId}");
        using var unknown = await clientB.GetAsync($"/tenants/{Intake.TenantB}/syncs/{Guid.NewGuid()}");

        var hidden = await IntakeCalls.ProblemAsync(underOtherTenant, HttpStatusCode.NotFound);
        await IntakeCalls.ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal($"tenant '{Intake.TenantB}' has no run {runId}", hidden.GetProperty("detail").GetString());
    }
}
