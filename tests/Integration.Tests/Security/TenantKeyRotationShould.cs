using System.Security.Cryptography;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Key rotation on a real control database: four tenants registered under k1 (one disabled, two with sink tokens, one
/// with a tampered source connection), then rotated to k2 with k1 still loaded as a previous key.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantKeyRotationShould(ServicesFixture services) : IAsyncLifetime
{
    private const string Tampered = "rotate-tampered";
    private const string TokenCanary = "canary-token-Rotate.5Tw1";
    private static readonly string[] Rotatable = ["rotate-a", "rotate-b", "rotate-c"];
    private readonly byte[] _newKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, string> _connectionStrings = [];
    private Dictionary<string, string?> _k1Settings = null!;
    private Dictionary<string, string?> _k2Settings = null!;

    public async Task InitializeAsync()
    {
        _k1Settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_rotation"), Path.GetTempPath());
        _k2Settings = new(_k1Settings)
        {
            ["Secrets:KeyId"] = "k2", ["Secrets:Key"] = Convert.ToBase64String(_newKey), ["Secrets:PreviousKeys:k1"] = _k1Settings["Secrets:Key"],
        };

        var onboarding = await TestWorker.OnboardingAsync(_k1Settings);
        var fhir = new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = new Uri("http://127.0.0.1:1/fhir/R4/") };
        var tenants = new (string Id, DemoTenant Demo, SinkSettings Sink, string? Token, bool Enabled)[]
        {
            ("rotate-a", DemoTenant.HospitalA, new SinkSettings { Kind = SinkSettings.Ndjson }, null, true),
            ("rotate-b", DemoTenant.ClinicB, fhir, TokenCanary, true),
            ("rotate-c", DemoTenant.SaludC, new SinkSettings { Kind = SinkSettings.Ndjson }, null, false),
            (Tampered, DemoTenant.HospitalA, fhir with { BaseUrl = new Uri("http://127.0.0.1:2/fhir/R4/") }, TokenCanary, true),
        };
        foreach (var (id, demo, sink, token, enabled) in tenants)
        {
            _connectionStrings[id] = services.MariaDb.LoginTo(demo.Database, demo.User, demo.Password);
            await onboarding.AddAsync(new()
            {
                TenantId = id, DisplayName = id, MappingDocument = demo.MappingDocument, SourceConnectionString = _connectionStrings[id],
                Sink = sink, SinkToken = token, Enabled = enabled,
            }, CancellationToken.None);
        }

        var registry = await TestWorker.RegistryAsync(_k1Settings);
        var tampered = (await registry.FindAsync(TenantId.Parse(Tampered), CancellationToken.None))!;
        await registry.UpsertAsync(tampered with { EncryptedSourceConnection = StoredSecret.Tampered(tampered.EncryptedSourceConnection) }, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task MoveEveryDecryptableTenantToTheNewKeyAndLeaveTheTamperedOneAsItWas()
    {
        var (secretsBefore, versionsBefore) = (await StoredSecretsAsync(), await ConfigVersionsAsync());

        var results = await (await TestWorker.KeyRotationAsync(_k2Settings)).RotateAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(
        [
            ("rotate-a", TenantKeyRotationStatus.Rotated, "source connection k1 -> k2"),
            ("rotate-b", TenantKeyRotationStatus.Rotated, "source connection k1 -> k2, sink credentials k1 -> k2"),
            ("rotate-c", TenantKeyRotationStatus.Rotated, "source connection k1 -> k2"),
            (Tampered, TenantKeyRotationStatus.Failed,
                "the stored source connection of tenant 'rotate-tampered' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)"),
        ], results.Select(r => (r.TenantId.Value, r.Status, r.Detail)));

        // Readable with only the new key loaded: nothing still depends on k1.
        var onlyNewKey = new SecretProtector("k2", _newKey);
        var secretsAfter = await StoredSecretsAsync();
        var versionsAfter = await ConfigVersionsAsync();
        foreach (var id in Rotatable)
        {
            Assert.Equal(_connectionStrings[id], onlyNewKey.Unprotect(id, secretsAfter[id].EncryptedSourceConnection, SecretPurpose.SourceConnection));
            Assert.Equal(versionsBefore[id] + 1, versionsAfter[id]);
        }

        Assert.Equal(TokenCanary, onlyNewKey.Unprotect("rotate-b", secretsAfter["rotate-b"].EncryptedSinkCredentials!, SecretPurpose.SinkCredentials));
        Assert.Null(secretsAfter["rotate-a"].EncryptedSinkCredentials);
        Assert.Equal(secretsBefore[Tampered], secretsAfter[Tampered]);
        Assert.Equal(versionsBefore[Tampered], versionsAfter[Tampered]);
    }

    [Fact]
    public async Task WriteNothingWhenRunAgainAfterEveryDecryptableTenantMoved()
    {
        var rotation = await TestWorker.KeyRotationAsync(_k2Settings);
        await rotation.RotateAsync(CancellationToken.None).ToListAsync();
        var (secretsBefore, versionsBefore) = (await StoredSecretsAsync(), await ConfigVersionsAsync());

        var again = await rotation.RotateAsync(CancellationToken.None).ToListAsync();

        Assert.Equal([.. Rotatable.Select(id => (id, TenantKeyRotationStatus.AlreadyCurrent)), (Tampered, TenantKeyRotationStatus.Failed)],
            again.Select(r => (r.TenantId.Value, r.Status)));
        Assert.Equal(secretsBefore, await StoredSecretsAsync());
        Assert.Equal(versionsBefore, await ConfigVersionsAsync());
    }

    [Fact]
    public async Task LeaveEveryTenantAsItWasWhenThePreviousKeyIsNotLoaded()
    {
        var withoutPrevious = new Dictionary<string, string?>(_k2Settings);
        withoutPrevious.Remove("Secrets:PreviousKeys:k1");
        var before = await StoredSecretsAsync();

        var results = await (await TestWorker.KeyRotationAsync(withoutPrevious)).RotateAsync(CancellationToken.None).ToListAsync();

        Assert.All(results, r => Assert.Equal(TenantKeyRotationStatus.Failed, r.Status));
        Assert.Equal("the stored source connection of tenant 'rotate-a' cannot be decrypted: it was encrypted under key 'k1', which is not loaded (loaded: k2)", results[0].Detail);
        Assert.Equal(before, await StoredSecretsAsync());
    }

    [Fact]
    public async Task NeverOverwriteSecretsStoredSinceTheyWereRead()
    {
        var registry = await TestWorker.RegistryAsync(_k2Settings);
        var read = (await registry.FindSecretsAsync(TenantId.Parse("rotate-a"), CancellationToken.None))!;
        var rotated = read with { EncryptedSourceConnection = new SecretProtector("k2", _newKey).Protect("rotate-a", _connectionStrings["rotate-a"]) };
        // An operator re-adds the tenant between the rotation's read and its write.
        await (await TestWorker.OnboardingAsync(_k2Settings)).AddAsync(new()
        {
            TenantId = "rotate-a", DisplayName = "rotate-a", MappingDocument = DemoTenant.HospitalA.MappingDocument,
            SourceConnectionString = _connectionStrings["rotate-a"], Sink = new SinkSettings { Kind = SinkSettings.Ndjson },
        }, CancellationToken.None);
        var readdedAs = (await registry.FindSecretsAsync(TenantId.Parse("rotate-a"), CancellationToken.None))!;

        Assert.False(await registry.ReplaceSecretsAsync(read, rotated, CancellationToken.None));
        Assert.Equal(readdedAs, await registry.FindSecretsAsync(TenantId.Parse("rotate-a"), CancellationToken.None));
    }

    [Fact]
    public async Task ReportEachTenantAndASummaryFromTheCommandAndExitNonZeroWhenOneFailed()
    {
        var run = await PublisherCli.RunAsync(_k2Settings, "keys", "rotate");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
        [
            "rotate-a         rotated         source connection k1 -> k2",
            "rotate-b         rotated         source connection k1 -> k2, sink credentials k1 -> k2",
            "rotate-c         rotated         source connection k1 -> k2",
            "rotate-tampered  FAILED          the stored source connection of tenant 'rotate-tampered' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)",
            "4 tenants, current key k2: 3 rotated, 0 already current, 1 failed, 0 removed meanwhile",
        ], run.Output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal("error: 1 tenant(s) not rotated: rotate-tampered; keep the previous keys loaded, re-add these tenants, and rotate again", run.Error.Trim());
        foreach (var secret in new[] { TokenCanary, DemoTenant.HospitalA.Password, DemoTenant.ClinicB.Password, _k2Settings["Secrets:Key"]!, _k1Settings["Secrets:Key"]! })
            Assert.DoesNotContain(secret, run.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAFreshThirtyTwoByteKey()
    {
        var first = await PublisherCli.RunAsync(_k1Settings, "keys", "generate");
        var second = await PublisherCli.RunAsync(_k1Settings, "keys", "generate");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Equal(32, Convert.FromBase64String(first.Output.Trim()).Length);
        Assert.NotEqual(first.Output, second.Output);
    }

    private async Task<Dictionary<string, StoredTenantSecrets>> StoredSecretsAsync() =>
        (await (await TestWorker.RegistryAsync(_k1Settings)).ListSecretsAsync(CancellationToken.None)).ToDictionary(s => s.TenantId.Value);

    /// <summary>Not part of the registry's surface; read directly, as an operator's query would.</summary>
    private async Task<Dictionary<string, int>> ConfigVersionsAsync()
    {
        await using var connection = new MySqlConnection(_k1Settings["ControlDatabase:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT tenant_id, config_version FROM tenants", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new Dictionary<string, int>();
        while (await reader.ReadAsync()) versions[reader.GetString(0)] = reader.GetInt32(1);
        return versions;
    }
}
