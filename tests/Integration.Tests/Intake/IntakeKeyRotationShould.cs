using System.Net;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// The issuer rotates its signing key (the provider restarted with a new key set, the old key gone): serve, not
/// restarted, refetches the key set when a token names the unknown kid, and refuses tokens of the removed key.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IntakeKeyRotationShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task AcceptTokensOfTheNewKeyAndRefuseTokensOfTheRemovedOne()
    {
        var servePid = Intake.Serve.ProcessId;
        var oldToken = await Intake.Provider.TokenAsync(Intake.ClientA);
        using (var before = Intake.Http(oldToken))
        using (var accepted = await before.PostSyncAsync(Intake.TenantA))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Single(await Published.TakeAllAsync());

        // RS256 to ES256 as well: the new key is of another kind, and serve accepts either.
        using var newKey = SigningKey.EcP256("k2");
        await Intake.Provider.RotateToAsync(newKey);
        var newToken = await Intake.Provider.TokenAsync(Intake.ClientA);
        using var withNewKey = Intake.Http(newToken);
        // The first token naming the unknown kid starts the refetch of the key set, which completes in the
        // background, so that very request may still be refused; the ones after it are accepted.
        var status = await Eventually.ValueAsync(async () =>
        {
            using var response = await withNewKey.PostSyncAsync(Intake.TenantA);
            return response.StatusCode;
        }, code => code != HttpStatusCode.Unauthorized, "a token of the new key to be accepted", TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Single(await Published.TakeAllAsync());
        var runsBefore = (await Intake.RunsAsync()).Count;
        using var withOldKey = Intake.Http(oldToken);
        using var refused = await withOldKey.PostSyncAsync(Intake.TenantA);
        await IntakeCalls.ProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Empty(await Published.TakeAllAsync());
        Assert.Equal(runsBefore, (await Intake.RunsAsync()).Count);
        Assert.Equal(servePid, Intake.Serve.ProcessId);
    }
}
