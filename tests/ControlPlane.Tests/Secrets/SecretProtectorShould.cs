using System.Security.Cryptography;
using FhirSync.ControlPlane.Secrets;

namespace FhirSync.ControlPlane.Tests.Secrets;

public sealed class SecretProtectorShould
{
    private const string ConnectionString = "Server=db;User ID=fs_a;Password=s3cret-canary";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private readonly SecretProtector _protector = new("k1", Key);

    [Fact]
    public void RoundTripAValueForTheSameTenant()
    {
        var stored = _protector.Protect("hospital-a", ConnectionString);

        Assert.StartsWith("v1:k1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", stored, StringComparison.Ordinal);
        Assert.Equal(ConnectionString, _protector.Unprotect("hospital-a", stored));
    }

    [Fact]
    public void UseAFreshNonceForEveryEncryption()
    {
        Assert.NotEqual(_protector.Protect("hospital-a", ConnectionString), _protector.Protect("hospital-a", ConnectionString));
    }

    [Fact]
    public void RefuseAValueCopiedToAnotherTenant()
    {
        var stored = _protector.Protect("hospital-a", ConnectionString);

        var error = Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("clinic-b", stored));

        Assert.Equal("clinic-b", error.TenantId);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseATamperedValue()
    {
        var stored = _protector.Protect("hospital-a", ConnectionString);
        var bytes = Convert.FromBase64String(stored["v1:k1:".Length..]);
        bytes[^1] ^= 0x01;

        Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("hospital-a", "v1:k1:" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void RefuseAValueUnderAKeyThatIsNotLoaded()
    {
        var stored = new SecretProtector("k2", RandomNumberGenerator.GetBytes(32)).Protect("hospital-a", ConnectionString);

        var error = Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("hospital-a", stored));

        Assert.Contains("key 'k2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseAKeyThatIsNotThirtyTwoBytes()
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector("k1", new byte[16]));
    }
}
