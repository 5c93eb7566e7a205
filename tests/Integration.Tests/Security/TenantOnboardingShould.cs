using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// <c>fhirsync tenant add</c> with real logins: a least-privilege login is accepted quietly, one that can read another
/// tenant's database is accepted with a warning naming it, one without a database is refused; never a password shown.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantOnboardingShould(ServicesFixture services) : IAsyncLifetime
{
    private readonly TenantAddCommand _tenantAdd = new();
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "onb", 2);
        _settings = TestWorker.Settings(services, await services.MariaDb.CreateDatabaseAsync("fhirsync_onboarding"), Path.GetTempPath());
    }

    public async Task DisposeAsync()
    {
        _tenantAdd.Clear();
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task AcceptALeastPrivilegeLoginWithoutWarnings()
    {
        var added = await AddAsync("onb-quiet", _sources[0].ConnectionString);

        Assert.Equal(0, added.ExitCode);
        Assert.DoesNotContain("warning", added.Error, StringComparison.Ordinal);
        Assert.Contains($"source login {_sources[0].User}@% on {_sources[0].Database}", added.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarnWhenTheLoginCanReadAnotherTenantsDatabase()
    {
        await services.MariaDb.ExecuteAsync($"GRANT SELECT ON `{_sources[1].Database}`.* TO '{_sources[0].User}'@'%'");

        var added = await AddAsync("onb-nosy", _sources[0].ConnectionString);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"warning: tenant onb-nosy: login '{_sources[0].User}@%' can see 1 database(s) besides its own: {_sources[1].Database}", added.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_sources[0].Password, added.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseALoginWithoutADatabaseNamingTheTenantNotThePassword()
    {
        var withoutDatabase = new MySqlConnectionStringBuilder(_sources[0].ConnectionString) { Database = string.Empty }.ConnectionString;

        var refused = await AddAsync("onb-nodb", withoutDatabase);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error: the source connection of tenant 'onb-nodb' names no database", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_sources[0].Password, refused.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAWrongPasswordWithoutEchoingIt()
    {
        const string wrongPassword = "canary-wrong-pw-4Kq";
        var wrong = new MySqlConnectionStringBuilder(_sources[0].ConnectionString) { Password = wrongPassword }.ConnectionString;

        var refused = await AddAsync("onb-wrong", wrong);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the source connection test of tenant 'onb-wrong' failed: MariaDB error 1045", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, refused.All, StringComparison.Ordinal);
    }

    private Task<CliResult> AddAsync(string tenantId, string connectionString) => _tenantAdd.RunAsync(_settings, tenantId, connectionString);
}
