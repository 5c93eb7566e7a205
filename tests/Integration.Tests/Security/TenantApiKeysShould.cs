using System.Text.RegularExpressions;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Integration.Tests.Publisher;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// API keys through the operator's CLI: issued when a tenant is added and shown once, stored only as a hash, and
/// accepted for that tenant alone until revoked or the tenant is disabled.
/// </summary>
[Collection(RealServices.Name)]
public sealed partial class TenantApiKeysShould(ServicesFixture services) : IAsyncLifetime
{
    private readonly TenantAddCommand _tenantAdd = new();
    private TenantSourceDatabases _sources = null!;
    private Dictionary<string, string?> _settings = null!;
    private string _controlDatabase = null!;

    public async Task InitializeAsync()
    {
        _sources = await TenantSourceDatabases.CreateAsync(services.MariaDb, "keys", 2);
        _controlDatabase = await services.MariaDb.CreateDatabaseAsync("fhirsync_apikeys");
        _settings = TestWorker.Settings(services, _controlDatabase, Path.GetTempPath());
    }

    public async Task DisposeAsync()
    {
        _tenantAdd.Clear();
        await _sources.DisposeAsync();
    }

    [Fact]
    public async Task ShowANewTenantsKeyOnceAndKeepOnlyItsHash()
    {
        var added = await AddAsync("keys-a", 0);
        var key = Assert.Single(IssuedKeys(added.Output));
        var updated = await AddAsync("keys-a", 0);

        Assert.Empty(IssuedKeys(updated.Output)); // re-adding updates the tenant and issues nothing
        Assert.Contains("tenant keys-a updated", updated.Output, StringComparison.Ordinal);
        Assert.Equal(TenantId.Parse("keys-a"), await VerifyAsync(key));
        var stored = await ControlDatabaseDumpAsync();
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Split('_')[2], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key, (await PublisherCli.RunAsync(_settings, "tenant", "list")).All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptAKeyOnlyWhileItIsWholeLiveAndItsTenantEnabled()
    {
        var a = Assert.Single(IssuedKeys((await AddAsync("keys-a", 0)).Output));
        var b = Assert.Single(IssuedKeys((await AddAsync("keys-b", 1)).Output));
        var second = Assert.Single(IssuedKeys((await PublisherCli.RunAsync(_settings, "tenant", "api-key", "issue", "--id", "keys-a")).Output));

        Assert.Equal(TenantId.Parse("keys-b"), await VerifyAsync(b));
        Assert.Equal(TenantId.Parse("keys-a"), await VerifyAsync(second));
        Assert.Null(await VerifyAsync(a[..^1] + (a[^1] == 'A' ? 'B' : 'A'))); // one character changed
        Assert.Null(await VerifyAsync($"fsk_{a.Split('_')[1]}_{b.Split('_')[2]}")); // a's id with b's secret
        Assert.Null(await VerifyAsync(a + " "));
        Assert.Null(await VerifyAsync(null));

        var revoked = await PublisherCli.RunAsync(_settings, "tenant", "api-key", "revoke", "--id", "keys-a", "--key-id", a.Split('_')[1]);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Null(await VerifyAsync(a));
        Assert.Equal(TenantId.Parse("keys-a"), await VerifyAsync(second));

        Assert.Equal(0, (await PublisherCli.RunAsync(_settings, "tenant", "disable", "--id", "keys-a")).ExitCode);
        Assert.Null(await VerifyAsync(second));
        Assert.Equal(TenantId.Parse("keys-b"), await VerifyAsync(b));
    }

    private async Task<CliResult> AddAsync(string tenantId, int source)
    {
        var result = await _tenantAdd.RunAsync(_settings, tenantId, _sources[source].ConnectionString);
        Assert.True(result.ExitCode == 0, result.All);
        return result;
    }

    private async Task<TenantId?> VerifyAsync(string? key) => await (await TestWorker.ApiKeysAsync(_settings)).VerifyAsync(key, CancellationToken.None);

    /// <summary>Every value of every row of the tenant and key tables, as text and as hex.</summary>
    private async Task<string> ControlDatabaseDumpAsync()
    {
        await using var connection = new MySqlConnection(_controlDatabase);
        await connection.OpenAsync();
        var dump = new System.Text.StringBuilder();
        foreach (var table in new[] { "tenants", "tenant_api_keys" })
        {
            await using var command = new MySqlCommand($"SELECT * FROM {table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    dump.AppendLine(reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : reader.GetValue(i).ToString());
            }
        }

        return dump.ToString();
    }

    private static List<string> IssuedKeys(string output) => [.. ApiKey().Matches(output).Select(m => m.Value)];

    [GeneratedRegex(@"fsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex ApiKey();
}
