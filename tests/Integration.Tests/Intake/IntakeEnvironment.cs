using System.Net.Http.Headers;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.ControlPlane;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// What an intake test class talks to, started once per class on the real services: a fresh control database with
/// three tenants (people tables of their own, API keys from onboarding), the OIDC test provider with a client per
/// tenant plus an admin and a client of an unregistered tenant, and <c>fhirsync serve</c> trusting that provider.
/// Tenant ids carry a suffix of this environment, so no other test's tenants or messages can be mistaken for these.
/// </summary>
public sealed class IntakeEnvironment : IAsyncLifetime
{
    private TenantSourceDatabases? _sources;
    private IHost? _controlPlane;

    internal string Suffix { get; } = Guid.NewGuid().ToString("N")[..8];

    internal Dictionary<string, string?> Settings { get; private set; } = null!;

    internal SigningKey SigningKey { get; private set; } = SigningKey.Rsa("k1");

    internal OidcTestProvider Provider { get; private set; } = null!;

    internal ServeProcess Serve { get; private set; } = null!;

    internal Uri BrokerUrl { get; private set; } = null!;

    /// <summary>Writes (own tenant, <c>roles</c> claim).</summary>
    internal OidcClient ClientA { get; private set; } = null!;

    /// <summary>Writes and reads, with its roles only in Keycloak's <c>realm_access.roles</c>.</summary>
    internal OidcClient ClientB { get; private set; } = null!;

    /// <summary>Reads only.</summary>
    internal OidcClient ClientC { get; private set; } = null!;

    internal OidcClient Admin { get; private set; } = null!;

    /// <summary>A client whose id is a well-formed tenant id that is not registered.</summary>
    internal OidcClient Unregistered { get; private set; } = null!;

    internal string TenantA => ClientA.ClientId;

    internal string TenantB => ClientB.ClientId;

    internal string TenantC => ClientC.ClientId;

    internal Dictionary<string, string> ApiKeys { get; } = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Starts everything on the first call; xunit v2 class fixtures cannot take the services fixture themselves. A
    /// class's tests run one at a time, so the first call has no rival.
    /// </summary>
    internal async Task StartAsync(ServicesFixture services, string outputRoot, IReadOnlyDictionary<string, string?>? intakeSettings = null)
    {
        if (Serve is not null) return;
        ClientA = new OidcClient($"intake-a-{Suffix}", ["fhir-write"]);
        ClientB = new OidcClient($"intake-b-{Suffix}", [], ["fhir-write", "fhir-read"]);
        ClientC = new OidcClient($"intake-c-{Suffix}", ["fhir-read"]);
        Admin = new OidcClient($"ops-{Suffix}", ["fhir-write", "fhir-admin"]);
        Unregistered = new OidcClient($"intake-z-{Suffix}", ["fhir-write"]);
        BrokerUrl = services.RabbitMq.BrokerUrl;
        Settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_intake"), outputRoot);
        await RegisterTenantsAsync(services, TenantA, TenantB, TenantC);

        Provider = await OidcTestProvider.StartAsync([ClientA, ClientB, ClientC, Admin, Unregistered], SigningKey);
        var serveSettings = new Dictionary<string, string?>(Settings.Where(s => s.Key.StartsWith("ControlDatabase:", StringComparison.Ordinal)
                                                                                 || s.Key.StartsWith("Secrets:", StringComparison.Ordinal) || s.Key == "RabbitMq:Url"))
        {
            ["Intake:Authority"] = Provider.Issuer.ToString(),
            ["Intake:Audience"] = OidcTestProvider.Audience,
            ["Intake:RequireHttpsMetadata"] = "false",
            ["Intake:ClockSkew"] = "00:00:05",
            // Short, so a test's key rotation is picked up at once; the minimum the key cache allows.
            ["Intake:MetadataRefreshInterval"] = "00:00:01",
        };
        foreach (var (key, value) in intakeSettings ?? new Dictionary<string, string?>()) serveSettings[key] = value;
        Serve = await ServeProcess.StartAsync(serveSettings);
    }

    private async Task RegisterTenantsAsync(ServicesFixture services, params string[] tenants)
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "intake", tenants.Length);
        var onboarding = await TestWorker.OnboardingAsync(Settings);
        for (var i = 0; i < tenants.Length; i++)
        {
            var result = await onboarding.AddAsync(new()
            {
                TenantId = tenants[i], DisplayName = tenants[i], SourceConnectionString = _sources[i].ConnectionString,
                MappingDocument = TenantSourceDatabases.PeopleMapping, Sink = new SinkSettings { Kind = SinkSettings.Ndjson, Folder = tenants[i] },
            }, CancellationToken.None);
            ApiKeys[tenants[i]] = result.ApiKey!.Key;
        }
    }

    internal HttpClient Http(string? bearerToken = null, string? apiKey = null)
    {
        var http = new HttpClient { BaseAddress = Serve.Address };
        if (bearerToken is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    /// <summary>Every run the control database holds, of every tenant here.</summary>
    internal async Task<IReadOnlyList<SyncRun>> RunsAsync()
    {
        _controlPlane ??= ControlPlane(Settings);
        return await _controlPlane.Services.GetRequiredService<RunStore>().ListAsync(null, 1000, CancellationToken.None);
    }

    private static IHost ControlPlane(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddControlPlane();
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        _controlPlane?.Dispose();
        if (Serve is not null) await Serve.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        if (_sources is not null) await _sources.DisposeAsync();
        SigningKey.Dispose();
    }
}
