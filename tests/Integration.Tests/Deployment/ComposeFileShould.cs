using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml, its Dockerfiles and the Keycloak realm hold together as a deployment: checked by docker-compose
/// itself and by reading what it renders (no Docker engine needed, nothing started).
/// </summary>
public sealed partial class ComposeFileShould(RenderedCompose compose) : IClassFixture<RenderedCompose>
{
    private static readonly string[] DemoTenantIds = [DemoTenant.HospitalA.Id, DemoTenant.ClinicB.Id, DemoTenant.SaludC.Id];

    [Fact]
    public void PassDockerComposeValidationWithTheExampleEnvironment() =>
        Assert.True(compose.Validation.ExitCode == 0, $"docker-compose config -q failed: {compose.Validation.Error}");

    [Fact]
    public void RefuseToRenderWithoutAMasterKey()
    {
        Assert.NotEqual(0, compose.WithoutMasterKey.ExitCode);
        Assert.Contains("FHIRSYNC_MASTER_KEY", compose.WithoutMasterKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GiveEveryLongRunningServiceAHealthCheck()
    {
        var oneShots = compose.OneShotServices();
        Assert.Equal(["register-demo-tenants"], oneShots);
        foreach (var (name, service) in compose.Services.Where(service => !oneShots.Contains(service.Key)))
        {
            var healthCheck = service!["healthcheck"];
            Assert.True(healthCheck?["test"] is JsonArray { Count: > 1 }, $"service '{name}' has no health check");
            Assert.NotEqual(true, healthCheck!["disable"]?.GetValue<bool>());
        }
    }

    [Fact]
    public void StartTheWorkerOnlyOnceRabbitMqAndMariaDbAreHealthy()
    {
        var dependencies = compose.Dependencies("worker");
        Assert.Equal("service_healthy", dependencies["rabbitmq"]);
        Assert.Equal("service_healthy", dependencies["mariadb"]);
    }

    [Fact]
    public void ProbeTheWorkersReadinessEndpoint() =>
        Assert.Contains("http://localhost:9464/health/ready", compose.Service("worker")["healthcheck"]!["test"]!.AsArray().Select(part => part!.GetValue<string>()));

    [Fact]
    public void StartTheIntakeOnceTheDemoTenantsAreRegisteredAndKeycloakIsReady()
    {
        var dependencies = compose.Dependencies("intake");
        Assert.Equal("service_completed_successfully", dependencies["register-demo-tenants"]);
        Assert.Equal("service_healthy", dependencies["keycloak"]);
        Assert.Equal(["serve", "--urls", "http://0.0.0.0:8080"], compose.Service("intake")["command"]!.AsArray().Select(part => part!.GetValue<string>()));
    }

    [Fact]
    public void RegisterEveryDemoTenant()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/publisher/register-demo-tenants.sh"));
        foreach (var tenant in DemoTenantIds) Assert.Contains($"tenant add --id {tenant} ", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTheWorkersAsTheImpersonatorUserOfTheirOwnVirtualHost()
    {
        Assert.StartsWith("amqp://fhirsync-worker:", compose.Variable("worker", "FHIRSYNC_RabbitMq__Url"), StringComparison.Ordinal);
        Assert.EndsWith("@rabbitmq:5672/fhirsync", compose.Variable("worker", "FHIRSYNC_RabbitMq__Url"), StringComparison.Ordinal);
        var definitions = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/rabbitmq/entrypoint.sh"));
        Assert.Matches(@"""name"": ""fhirsync-worker"", .*""tags"": \[""impersonator""\]", definitions);
    }

    /// <summary>The raw file, before interpolation: a secret written into it would be committed.</summary>
    [Fact]
    public void TakeEverySecretFromTheEnvFile()
    {
        var secrets = File.ReadLines(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"))
            .Select(line => SecretSetting().Match(line)).Where(match => match.Success).ToList();
        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
            Assert.True(RequiredVariable().IsMatch(secret.Groups["value"].Value), $"not taken from a required variable (${{NAME:?...}}): {secret.Value.Trim()}");
    }

    [Fact]
    public void IssueTokensWithTheIntakesAudienceAndRolesToOneClientPerDemoTenant()
    {
        var realm = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy/keycloak/fhirsync-realm.json")))!;
        var authority = compose.Variable("intake", "FHIRSYNC_Intake__Authority");
        Assert.Equal($"{compose.Variable("keycloak", "KC_HOSTNAME")}/realms/{realm["realm"]}", authority);
        Assert.Equal(["fhir-admin", "fhir-read", "fhir-write"], realm["roles"]!["realm"]!.AsArray().Select(role => role!["name"]!.GetValue<string>()).Order());

        var audience = compose.Variable("intake", "FHIRSYNC_Intake__Audience");
        foreach (var tenant in DemoTenantIds.Append("fhirsync-admin"))
        {
            var client = realm["clients"]!.AsArray().SingleOrDefault(client => client!["clientId"]!.GetValue<string>() == tenant);
            Assert.True(client is not null, $"the realm has no client '{tenant}'");
            Assert.False(client["publicClient"]!.GetValue<bool>());
            Assert.True(client["serviceAccountsEnabled"]!.GetValue<bool>());
            Assert.Matches(@"^\$\{INTAKE_CLIENT_SECRET_[A-Z_]+\}$", client["secret"]!.GetValue<string>());
            var claims = client["protocolMappers"]!.AsArray().Select(mapper => mapper!["config"]!).ToList();
            Assert.Contains(claims, config => config["included.custom.audience"]?.GetValue<string>() == audience);
            Assert.Contains(claims, config => config["claim.name"]?.GetValue<string>() == "client_id" && config["claim.value"]?.GetValue<string>() == tenant);
        }

        Assert.Equal(["fhir-read", "fhir-write"], ServiceAccountRoles(realm, DemoTenant.ClinicB.Id));
        Assert.Equal(["fhir-admin", "fhir-read", "fhir-write"], ServiceAccountRoles(realm, "fhirsync-admin"));
    }

    [Theory]
    [InlineData("worker", "src/Worker/Dockerfile")]
    [InlineData("intake", "src/Publisher/Dockerfile")]
    [InlineData("register-demo-tenants", "src/Publisher/Dockerfile")]
    public void BuildImagesWhoseFinalStageDoesNotRunAsRoot(string service, string dockerfile)
    {
        var build = compose.Service(service)["build"]!;
        Assert.Equal(Path.Combine(RepositoryRoot.Path, dockerfile), Path.Combine(build["context"]!.GetValue<string>(), build["dockerfile"]!.GetValue<string>()));

        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, dockerfile)).Select(line => line.Trim()).ToList();
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", lines.First(line => line.StartsWith("FROM ", StringComparison.Ordinal)), StringComparison.Ordinal);
        var finalStage = lines.Skip(lines.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/(aspnet|runtime):10\.0\b", finalStage[0]);
        var user = finalStage.LastOrDefault(line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.True(user is not null, $"the final stage of {dockerfile} runs as root (no USER)");
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|\s|$)", user);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, ".dockerignore")), "no .dockerignore: the build context would carry .env and .fhirsync/");
    }

    private static string[] ServiceAccountRoles(JsonNode realm, string clientId) =>
        realm["users"]!.AsArray().Single(user => user!["serviceAccountClientId"]?.GetValue<string>() == clientId)!["realmRoles"]!
            .AsArray().Select(role => role!.GetValue<string>()).Order().ToArray();

    /// <summary>An environment entry whose name says it is a secret, or a connection string or URL with a password.</summary>
    [GeneratedRegex(@"^\s+(?<name>\w*(PASSWORD|SECRET|Secrets__Key|ConnectionString|RabbitMq__Url)\w*):\s*(?<value>.+)$")]
    private static partial Regex SecretSetting();

    [GeneratedRegex(@"\$\{[A-Z0-9_]+:\?[^}]+\}")]
    private static partial Regex RequiredVariable();
}
