using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// Authenticated callers act for their own tenant only (the token's client_id, the API key's tenant) unless they
/// are fhir-admin, and need fhir-write to request: 403 otherwise, with nothing published or recorded.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IntakeAuthorizationShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task ForbidAClientToRequestAnotherTenantsSync()
    {
        using var clientA = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var response = await clientA.PostSyncAsync(Intake.TenantB);

        var problem = await AssertRefusedAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal($"the caller acts for tenant '{Intake.TenantA}' only", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ForbidAClientWithoutFhirWriteToRequestButLetItReadItsTenantsRuns()
    {
        using var reader = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientC));
        using var keyed = Intake.Http(apiKey: Intake.ApiKeys[Intake.TenantC]);

        using var refused = await reader.PostSyncAsync(Intake.TenantC);
        await AssertRefusedAsync(refused, HttpStatusCode.Forbidden);
        using var accepted = await keyed.PostSyncAsync(Intake.TenantC);
        using var read = await reader.GetAsync(accepted.Headers.Location);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task ForbidATenantsApiKeyOnAnotherTenant()
    {
        using var keyA = Intake.Http(apiKey: Intake.ApiKeys[Intake.TenantA]);
        using var keyB = Intake.Http(apiKey: Intake.ApiKeys[Intake.TenantB]);
        using var acceptedForB = await keyB.PostSyncAsync(Intake.TenantB);
        Assert.Single(await Published.TakeAllAsync());
        var runsBefore = (await Intake.RunsAsync()).Count;

        using var post = await keyA.PostSyncAsync(Intake.TenantB);
        using var read = await keyA.GetAsync(acceptedForB.Headers.Location);

        await IntakeCalls.ProblemAsync(post, HttpStatusCode.Forbidden);
        await IntakeCalls.ProblemAsync(read, HttpStatusCode.Forbidden);
        Assert.Empty(await Published.TakeAllAsync());
        Assert.Equal(runsBefore, (await Intake.RunsAsync()).Count);
    }

    [Fact]
    public async Task ForbidAClientToReadAnotherTenantsRun()
    {
        using var clientA = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));
        using var clientB = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientB));
        using var accepted = await clientA.PostSyncAsync(Intake.TenantA);

        using var read = await clientB.GetAsync(accepted.Headers.Location);

        await IntakeCalls.ProblemAsync(read, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task LetAnAdminRequestAndReadAnyTenantsSync()
    {
        using var admin = Intake.Http(await Intake.Provider.TokenAsync(Intake.Admin));

        using var forA = await admin.PostSyncAsync(Intake.TenantA);
        using var forB = await admin.PostSyncAsync(Intake.TenantB, """{ "resourceTypes": ["Patient"] }""");
        using var read = await admin.GetAsync(forB.Headers.Location);

        Assert.Equal(HttpStatusCode.Accepted, forA.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forB.StatusCode);
        var messages = await Published.TakeAllAsync();
        Assert.Equal([Intake.TenantA, Intake.TenantB], messages.Select(m => m.GetProperty("tenantId").GetString()));
        Assert.All(messages, m => Assert.Equal($"http:{Intake.Admin.ClientId}", m.GetProperty("origin").GetString()));
        Assert.Equal(Intake.TenantB, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenantId").GetString());
    }
}
