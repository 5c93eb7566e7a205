using FhirSync.Extraction.Logins;
using FhirSync.Integration.Tests.Infrastructure;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Each demo tenant's login, as demo/sql creates it, on real MariaDB: it sees only its own database, the server
/// refuses it every other tenant's tables, and it cannot change its own database.
/// </summary>
[Collection(RealServices.Name)]
public sealed class TenantLoginIsolationShould(ServicesFixture services)
{
    public static TheoryData<string> Tenants => [.. DemoTenant.All.Select(tenant => tenant.Id)];

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task SeeOnlyItsOwnDatabase(string tenantId)
    {
        var tenant = DemoTenant.All.Single(t => t.Id == tenantId);
        await using var connection = await OpenAsync(tenant);

        Assert.Equal(["information_schema", tenant.Database], (await ReadLinesAsync(connection, "SHOW DATABASES")).Order(StringComparer.Ordinal));
        var report = await SourceLoginInspector.InspectAsync(connection, CancellationToken.None);
        Assert.StartsWith($"{tenant.User}@", report.CurrentUser, StringComparison.Ordinal);
        Assert.Equal(tenant.Database, report.Database);
        Assert.Equal([new SourceGrant("SELECT", $"`{tenant.Database}`.*", SourcePrivilegeKind.Read, OnOwnDatabase: true)], report.Grants);
        Assert.Empty(report.Warnings);
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task BeRefusedEveryOtherTenantsTables(string tenantId)
    {
        var tenant = DemoTenant.All.Single(t => t.Id == tenantId);
        await using var connection = await OpenAsync(tenant);

        foreach (var other in DemoTenant.All.Where(t => t != tenant))
        {
            foreach (var source in other.Sources)
            {
                var denied = await Assert.ThrowsAsync<MySqlException>(() => ReadLinesAsync(connection, $"SELECT COUNT(*) FROM `{other.Database}`.`{source.Table}`"));
                Assert.Equal(MySqlErrorCode.TableAccessDenied, denied.ErrorCode);
            }

            var notSwitched = await Assert.ThrowsAsync<MySqlException>(() => ReadLinesAsync(connection, $"USE `{other.Database}`"));
            Assert.Equal(MySqlErrorCode.DatabaseAccessDenied, notSwitched.ErrorCode);
        }
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task NotChangeItsOwnDatabase(string tenantId)
    {
        var tenant = DemoTenant.All.Single(t => t.Id == tenantId);
        await using var connection = await OpenAsync(tenant);
        var table = tenant.Sources[0].Table;
        var column = (await ReadLinesAsync(connection, $"SHOW COLUMNS FROM `{table}`"))[0];

        // Each would change nothing if it were allowed (no row matches, no such table), so a broken grant fails this
        // test without harming the demo data other tests read.
        string[] writes =
        [
            $"INSERT INTO `{table}` SELECT * FROM `{table}` WHERE 1 = 0",
            $"UPDATE `{table}` SET `{column}` = `{column}` WHERE 1 = 0",
            $"DELETE FROM `{table}` WHERE 1 = 0",
            "CREATE TABLE fhirsync_isolation_probe (id INT)",
            "DROP TABLE IF EXISTS fhirsync_isolation_probe",
            $"ALTER TABLE `{table}` COMMENT = ''",
        ];
        foreach (var write in writes)
        {
            var denied = await Assert.ThrowsAsync<MySqlException>(() => ReadLinesAsync(connection, write));
            Assert.True(denied.ErrorCode == MySqlErrorCode.TableAccessDenied, $"{write}: {denied.ErrorCode}");
        }

        Assert.Equal(tenant.Rows(tenant.Sources[0].ResourceType).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await ReadLinesAsync(connection, $"SELECT COUNT(*) FROM `{table}`"))[0]);
    }

    private async Task<MySqlConnection> OpenAsync(DemoTenant tenant)
    {
        var connection = new MySqlConnection(services.MariaDb.LoginTo(tenant.Database, tenant.User, tenant.Password));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> ReadLinesAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return lines;
    }
}
