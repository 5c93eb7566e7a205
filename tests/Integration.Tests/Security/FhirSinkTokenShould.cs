using System.Net;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using FhirSync.Publisher.Onboarding;
using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Sink credentials end to end: a tenant's bearer token is stored encrypted at onboarding, decrypted by the worker and
/// sent to that tenant's own FHIR store only. A wrong or missing token fails that tenant's run at the sink stage while
/// the others complete, and no token reaches a log event (at any level), a SyncFailed reason or the error queue.
/// Each tenant has its own store: a test server that answers 401 without its own token.
/// </summary>
[Collection(RealServices.Name)]
public sealed class FhirSinkTokenShould(ServicesFixture services) : IAsyncLifetime
{
    private const string RightToken = "canary-token-Right.7Hq2";
    private const string StoreToken = "canary-token-Store.3Kd8";
    private const string WrongToken = "canary-token-Wrong.9Xp4";
    private readonly string _outputRoot = Directory.CreateTempSubdirectory("fhirsync-sink-token-").FullName;
    private FhirTestServer _rightStore = null!;
    private FhirTestServer _wrongStore = null!;
    private FhirTestServer _noneStore = null!;
    private Dictionary<string, string?> _settings = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        try
        {
            _rightStore = await FhirTestServer.StartAsync(RightToken);
            _wrongStore = await FhirTestServer.StartAsync(StoreToken);
            // Requires the right tenant's token: only a token leaking from that tenant's runs could let the tokenless tenant in.
            _noneStore = await FhirTestServer.StartAsync(RightToken);
            _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_sink_token"), _outputRoot);
            await services.RabbitMq.PurgeAsync(RabbitMqService.SyncRequestedErrorQueue); // shared by the run's tests; this one counts it
            var onboarding = await TestWorker.OnboardingAsync(_settings);
            await RegisterAsync(onboarding, "token-right", _rightStore, RightToken);
            await RegisterAsync(onboarding, "token-wrong", _wrongStore, WrongToken);
            await RegisterAsync(onboarding, "token-none", _noneStore, token: null);
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync fails; the servers already started must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    public async System.Threading.Tasks.Task DisposeAsync()
    {
        foreach (var store in new FhirTestServer?[] { _rightStore, _wrongStore, _noneStore })
        {
            if (store is not null) await store.DisposeAsync();
        }

        Directory.Delete(_outputRoot, recursive: true);
    }

    [Fact]
    public async System.Threading.Tasks.Task SendEachTenantsTokenToItsOwnStoreOnlyAndFailAWrongOneAtTheSinkWithoutShowingIt()
    {
        using (var anonymous = new HttpClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(_rightStore.BaseUrl, "Patient"))).StatusCode);
        var logs = new LogCapture();
        await using var events = await BusEventRecorder.StartAsync(services.RabbitMq.BrokerUrl);
        await using (await TestWorker.StartAsync(_settings, logs))
        {
            foreach (var tenant in new[] { "token-right", "token-wrong", "token-none" })
                await events.Bus.Publish(new SyncRequested { TenantId = tenant, RunId = Guid.NewGuid(), RequestedAt = DateTimeOffset.UtcNow, Origin = "test" });
            await events.WaitForAsync(e => e.Completed.Count == 1 && e.Failed.Count(f => !f.WillRetry) == 2, TimeSpan.FromMinutes(2), "one success and two final failures");
        }

        Assert.Equal("token-right", Assert.Single(events.Completed).TenantId);
        using (var store = new FhirStoreReader(_rightStore.BaseUrl, RightToken))
            Assert.Equal(DemoTenant.HospitalA.Patients, (await store.SearchAllAsync<Patient>()).Count);
        using (var store = new FhirStoreReader(_wrongStore.BaseUrl, StoreToken))
            Assert.Empty(await store.SearchAllAsync<Patient>());

        // Refusals of credentials are not retried: the same token would be refused again.
        Assert.All(events.Failed, failed => Assert.False(failed.WillRetry));
        var failures = events.Failed.ToDictionary(f => f.TenantId, f => (f.Stage, f.Reason));
        Assert.Equal(("sink", "the FHIR store of tenant 'token-wrong' answered 401: transaction of 5 resources refused (the store refused the tenant's sink token)"),
            failures["token-wrong"]);
        Assert.Equal(("sink", "the FHIR store of tenant 'token-none' answered 401: transaction of 5 resources refused (the store requires a token and the tenant has no sink token)"),
            failures["token-none"]);

        var deadLetters = await services.RabbitMq.TakeDeadLettersAsync(expected: 2);
        Assert.Equal(2, deadLetters.GetArrayLength());
        // The capture saw the sink's requests down to their trace-level headers, so a token in any of them would be found.
        Assert.Contains("Authorization", logs.All, StringComparison.Ordinal);
        var published = string.Join("\n", events.Failed.Select(f => f.Reason)) + deadLetters;
        foreach (var token in new[] { RightToken, StoreToken, WrongToken })
        {
            Assert.DoesNotContain(token, logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain(token, published, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task OnboardATokenFromTheNamedEnvironmentVariableOnlyAndStoreItEncrypted()
    {
        var mapping = Path.Combine(_outputRoot, "patients.json");
        await File.WriteAllTextAsync(mapping, DemoTenant.HospitalA.MappingDocumentOf("Organization", "Patient"));
        var hospital = DemoTenant.HospitalA;
        var environment = new Dictionary<string, string?>
        {
            ["TOKEN_CLI_SOURCE"] = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password), ["TOKEN_CLI_SINK_TOKEN"] = RightToken,
        };
        string[] add = ["tenant", "add", "--id", "token-cli", "--name", "token cli", "--source-connection-env", "TOKEN_CLI_SOURCE", "--mapping", mapping];
        // A store of its own: each tenant's store must be its own, and this tenant is onboarded, never synced.
        string[] fhirSink = ["--sink", "fhir", "--sink-url", "http://127.0.0.1:9/token-cli/fhir/R4", "--sink-token-env", "TOKEN_CLI_SINK_TOKEN"];

        var added = await PublisherCli.RunAsync(_settings, environment, [.. add, .. fhirSink]);
        var unset = await PublisherCli.RunAsync(_settings, new Dictionary<string, string?>(environment) { ["TOKEN_CLI_SINK_TOKEN"] = null }, [.. add, .. fhirSink]);
        var forNdjson = await PublisherCli.RunAsync(_settings, environment, [.. add, "--folder", "token-cli", "--sink-token-env", "TOKEN_CLI_SINK_TOKEN"]);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("sink fhir with a bearer token)", added.Output, StringComparison.Ordinal);
        Assert.Equal((2, "error: environment variable TOKEN_CLI_SINK_TOKEN is not set"), (unset.ExitCode, unset.Error.Trim()));
        Assert.Equal((1, "error: tenant token-cli: a sink token is only for a fhir sink"), (forNdjson.ExitCode, forNdjson.Error.Trim()));
        var stored = (await (await TestWorker.RegistryAsync(_settings)).FindAsync(TenantId.Parse("token-cli"), CancellationToken.None))!.EncryptedSinkCredentials!;
        Assert.StartsWith("v1:k1:", stored, StringComparison.Ordinal);
        Assert.Equal(RightToken, TestWorker.Protector(_settings).Unprotect("token-cli", stored, SecretPurpose.SinkCredentials));
        Assert.DoesNotContain(RightToken, stored + added.All + unset.All + forNdjson.All, StringComparison.Ordinal);
    }

    private async System.Threading.Tasks.Task RegisterAsync(TenantOnboarding onboarding, string tenantId, FhirTestServer store, string? token)
    {
        var hospital = DemoTenant.HospitalA;
        await onboarding.AddAsync(new()
        {
            TenantId = tenantId, DisplayName = tenantId, MappingDocument = hospital.MappingDocumentOf("Organization", "Patient"),
            SourceConnectionString = services.MariaDb.LoginTo(hospital.Database, hospital.User, hospital.Password),
            Sink = new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = store.BaseUrl, BundleSize = 50 },
            SinkToken = token,
        }, CancellationToken.None);
    }
}
