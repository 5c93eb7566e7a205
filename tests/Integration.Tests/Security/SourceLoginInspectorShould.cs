using FhirSync.Extraction.Logins;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// The login inspector on real logins: a login that reads only its own database gets no warning; one that can read a
/// second database, every database, write, or administer gets a warning that names the grant, never a password.
/// </summary>
[Collection(RealServices.Name)]
public sealed class SourceLoginInspectorShould(ServicesFixture services) : IAsyncLifetime
{
    private string _own = null!;
    private string _other = null!;

    private string ReadOwn => $"SELECT ON `{_own}`.*";

    public async Task InitializeAsync()
    {
        _own = await CreateDatabaseAsync("fs_inspect");
        _other = await CreateDatabaseAsync("fs_inspect_other");
        await services.MariaDb.ExecuteAsync($"CREATE TABLE `{_own}`.visits (id INT PRIMARY KEY)");
    }

    public async Task DisposeAsync()
    {
        foreach (var database in new[] { _own, _other }) await services.MariaDb.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`");
    }

    [Fact]
    public async Task ReportNoWarningForALoginThatReadsOnlyItsOwnDatabase()
    {
        await using var login = await TestLogin.CreateAsync(services.MariaDb, _own, ReadOwn);

        var report = await InspectAsync(login);

        Assert.StartsWith($"{login.User}@", report.CurrentUser, StringComparison.Ordinal);
        Assert.Equal(_own, report.Database);
        Assert.Empty(report.OtherDatabases);
        Assert.Equal([new SourceGrant("SELECT", $"`{_own}`.*", SourcePrivilegeKind.Read, OnOwnDatabase: true)], report.Grants);
        Assert.Empty(report.Warnings);
        Assert.True(report.IsLeastPrivilege);
    }

    [Fact]
    public async Task WarnWhenALoginCanReadASecondDatabase()
    {
        await using var login = await TestLogin.CreateAsync(services.MariaDb, _own, ReadOwn, $"SELECT ON `{_other}`.*");

        var report = await InspectAsync(login);

        Assert.Equal([_other], report.OtherDatabases);
        Assert.True(report.ReadsBeyondOwnDatabase);
        Assert.False(report.CanWrite || report.HasAdminPrivilege);
        Assert.Collection(report.Warnings,
            seen => Assert.EndsWith($"can see 1 database(s) besides its own: {_other}; a source login needs SELECT on its own database only", seen, StringComparison.Ordinal),
            read => Assert.EndsWith($"can read beyond its own database: SELECT on `{_other}`.*; a source login needs SELECT on its own database only", read, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WarnWhenALoginCanReadEveryDatabase()
    {
        await using var login = await TestLogin.CreateAsync(services.MariaDb, _own, "SELECT ON *.*");

        var report = await InspectAsync(login);

        Assert.Contains(_other, report.OtherDatabases);
        Assert.Contains("mysql", report.OtherDatabases);
        Assert.Equal([new SourceGrant("SELECT", "*.*", SourcePrivilegeKind.Read, OnOwnDatabase: false)], report.Grants);
        Assert.Contains(report.Warnings, w => w.Contains("can read beyond its own database: SELECT on *.*;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WarnWhenALoginCanWriteItsOwnDatabase()
    {
        await using var login = await TestLogin.CreateAsync(services.MariaDb, _own, ReadOwn, $"INSERT ON `{_own}`.*");

        var report = await InspectAsync(login);

        Assert.Empty(report.OtherDatabases);
        Assert.True(report.CanWrite);
        Assert.False(report.ReadsBeyondOwnDatabase);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal($"login '{report.CurrentUser}' can write: INSERT on `{_own}`.*; a source login needs SELECT on its own database only", warning);
    }

    [Fact]
    public async Task FindWhatARoleNestedInAGrantedRoleGivesEvenWhenNoRoleIsEnabled()
    {
        var (outer, inner) = ($"fs_t_outer_{Guid.NewGuid():N}"[..20], $"fs_t_inner_{Guid.NewGuid():N}"[..20]);
        await services.MariaDb.ExecuteAsync($"CREATE ROLE `{outer}`; CREATE ROLE `{inner}`; GRANT UPDATE ON `{_own}`.visits TO `{inner}`; GRANT `{inner}` TO `{outer}`");
        try
        {
            await using var login = await TestLogin.CreateAsync(services.MariaDb, _own, ReadOwn, $"`{outer}`");
            await using var connection = await login.OpenAsync();

            var report = await SourceLoginInspector.InspectAsync(connection, CancellationToken.None);

            Assert.Contains(new SourceGrant("UPDATE", $"`{_own}`.`visits`", SourcePrivilegeKind.Write, OnOwnDatabase: true), report.Grants);
            Assert.Contains(report.Warnings, w => w.Contains($"can write: UPDATE on `{_own}`.`visits`", StringComparison.Ordinal));
            // The inspector enabled the roles to list them, and put the connection back as it was.
            await using var role = new MySqlCommand("SELECT CURRENT_ROLE()", connection);
            Assert.Equal(DBNull.Value, await role.ExecuteScalarAsync());
        }
        finally
        {
            await services.MariaDb.ExecuteAsync($"DROP ROLE IF EXISTS `{outer}`; DROP ROLE IF EXISTS `{inner}`");
        }
    }

    [Fact]
    public async Task WarnAboutAdministrativePrivilegesWithoutRepeatingThePasswordHash()
    {
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(services.MariaDb.AdminConnectionString) { Database = _own }.ConnectionString);
        await connection.OpenAsync();

        var report = await SourceLoginInspector.InspectAsync(connection, CancellationToken.None);

        Assert.True(report.HasAdminPrivilege);
        Assert.Contains(report.Warnings, w => w.Contains("holds administrative privileges: ALL PRIVILEGES on *.*, GRANT OPTION on *.*", StringComparison.Ordinal));
        var admin = new MySqlConnectionStringBuilder(services.MariaDb.AdminConnectionString);
        AssertNoSecretIn(report, admin.Password, await PasswordHashAsync(report.CurrentUser));
    }

    private static async Task<SourceLoginReport> InspectAsync(TestLogin login)
    {
        await using var connection = await login.OpenAsync();
        var report = await SourceLoginInspector.InspectAsync(connection, CancellationToken.None);
        AssertNoSecretIn(report, login.Password);
        return report;
    }

    private static void AssertNoSecretIn(SourceLoginReport report, params string[] secrets)
    {
        var text = string.Join("\n", report.Warnings.Concat(report.Grants.Select(g => $"{g.Privilege} {g.On}")));
        Assert.All(secrets.Where(s => s.Length > 0), secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.DoesNotContain("IDENTIFIED", text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The hash SHOW GRANTS prints for <paramref name="account"/> (<c>user@host</c>), read as admin.</summary>
    private async Task<string> PasswordHashAsync(string account)
    {
        await using var admin = await services.MariaDb.OpenAdminAsync();
        await using var command = new MySqlCommand("SELECT authentication_string FROM mysql.user WHERE CONCAT(User, '@', Host) = @account", admin);
        command.Parameters.AddWithValue("@account", account);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> CreateDatabaseAsync(string prefix) =>
        new MySqlConnectionStringBuilder(await services.MariaDb.CreateDatabaseAsync(prefix)).Database;
}
