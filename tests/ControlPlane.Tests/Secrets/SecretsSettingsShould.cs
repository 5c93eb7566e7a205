using System.Security.Cryptography;
using FhirSync.ControlPlane.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FhirSync.ControlPlane.Tests.Secrets;

/// <summary>The key ring as <c>AddControlPlane</c> builds it from configuration, and the errors a bad setting gets.</summary>
public sealed class SecretsSettingsShould : IDisposable
{
    private static readonly string CurrentKey = NewKey();
    private readonly string _folder = Directory.CreateTempSubdirectory("fhirsync-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadTheCurrentKeyAndPreviousKeysInlineAndFromFiles()
    {
        var (k1, k0) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var k0File = Path.Combine(_folder, "k0.key");
        File.WriteAllText(k0File, Convert.ToBase64String(k0) + "\n");

        var ring = Protector(new()
        {
            ["Secrets:KeyId"] = "k2", ["Secrets:Key"] = CurrentKey,
            ["Secrets:PreviousKeys:k1"] = Convert.ToBase64String(k1), ["Secrets:PreviousKeyFiles:k0"] = k0File,
        });

        Assert.Equal("k2", ring.CurrentKeyId);
        Assert.Equal(["k0", "k1", "k2"], ring.LoadedKeyIds.Order(StringComparer.Ordinal));
        Assert.Equal("from k1", ring.Unprotect("hospital-a", new SecretProtector("k1", k1).Protect("hospital-a", "from k1")));
        Assert.Equal("from k0", ring.Unprotect("hospital-a", new SecretProtector("k0", k0).Protect("hospital-a", "from k0")));
        Assert.StartsWith("v1:k2:", ring.Protect("hospital-a", "new"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTheCurrentKeyFromItsFileWhenNoKeyIsGiven()
    {
        var file = Path.Combine(_folder, "master.key");
        File.WriteAllText(file, CurrentKey);

        var ring = Protector(new() { ["Secrets:KeyFile"] = file });

        Assert.Equal("v1", ring.Unprotect("hospital-a", new SecretProtector("k1", Convert.FromBase64String(CurrentKey)).Protect("hospital-a", "v1")));
    }

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "Secrets:Key", "", "set Secrets:Key (base64 of 32 bytes) or Secrets:KeyFile" },
        { "Secrets:Key", "not base64 canary!", "Secrets:Key is not base64" },
        { "Secrets:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), "Secrets:Key must decode to 32 bytes (AES-256), not 16" },
        { "Secrets:KeyId", "k/2", "Secrets:KeyId is not a valid key id (1 to 32 letters, digits, '.', '_' or '-')" },
        { "Secrets:PreviousKeys:k1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(31)), "Secrets:PreviousKeys:k1 must decode to 32 bytes (AES-256), not 31" },
        { "Secrets:PreviousKeys:k1", "canary%%%", "Secrets:PreviousKeys:k1 is not base64" },
        { "Secrets:PreviousKeys:k1", "", "Secrets:PreviousKeys:k1 is empty" },
        { "Secrets:PreviousKeys:k1", CurrentKey, "" }, // the same bytes under another id are allowed
        { "Secrets:PreviousKeys:k2", NewKey(), "Secrets:PreviousKeys:k2 has the id of the current key (Secrets:KeyId); a key id names one key, so give a new key a new id" },
        { "Secrets:PreviousKeys:k 1", NewKey(), "Secrets:PreviousKeys:k 1: the key id is not valid (1 to 32 letters, digits, '.', '_' or '-')" },
        { "Secrets:PreviousKeyFiles:k1", "/no/such/fhirsync.key", "Secrets:PreviousKeyFiles:k1 names a file that does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void RefuseABadSettingNamingItButNeverTheKey(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Secrets:KeyId"] = "k2", ["Secrets:Key"] = CurrentKey, [setting] = value };

        if (expected == "")
        {
            Assert.Equal("k2", Protector(settings).CurrentKeyId);
            return;
        }

        var error = Assert.Throws<OptionsValidationException>(() => Protector(settings));

        Assert.Equal([expected], error.Failures);
        if (value.Length > 0) Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CurrentKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAPreviousKeyGivenBothInlineAndInAFile()
    {
        var file = Path.Combine(_folder, "k1.key");
        File.WriteAllText(file, NewKey());

        var error = Assert.Throws<OptionsValidationException>(() => Protector(new()
        {
            ["Secrets:KeyId"] = "k2", ["Secrets:Key"] = CurrentKey, ["Secrets:PreviousKeys:k1"] = NewKey(), ["Secrets:PreviousKeyFiles:k1"] = file,
        }));

        Assert.Equal(["Secrets:PreviousKeys:k1 and Secrets:PreviousKeyFiles:k1 both set key 'k1'; keep one"], error.Failures);
    }

    [Fact]
    public void RefuseAKeyFileThatDoesNotHoldAKey()
    {
        var file = Path.Combine(_folder, "k1.key");
        File.WriteAllText(file, "-----BEGIN canary-----");

        var error = Assert.Throws<OptionsValidationException>(() => Protector(new() { ["Secrets:Key"] = CurrentKey, ["Secrets:KeyId"] = "k2", ["Secrets:PreviousKeyFiles:k1"] = file }));

        Assert.Equal(["the file named by Secrets:PreviousKeyFiles:k1 is not base64"], error.Failures);
    }

    [Fact]
    public async Task FailAtStartRatherThanAtTheFirstSecret()
    {
        using var host = Host(new() { ["Secrets:Key"] = Convert.ToBase64String(new byte[20]) });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(["Secrets:Key must decode to 32 bytes (AES-256), not 20"], error.Failures);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretProtector Protector(Dictionary<string, string?> settings)
    {
        using var host = Host(settings);
        return host.Services.GetRequiredService<SecretProtector>();
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ControlDatabase:ConnectionString"] = "Server=127.0.0.1;Database=unused";
        builder.AddControlPlane();
        return builder.Build();
    }
}
