using System.Security.Cryptography;
using System.Text;
using FhirSync.ControlPlane.Secrets;

namespace FhirSync.ControlPlane.Tests.Secrets;

public sealed class SecretProtectorShould
{
    private const string ConnectionString = "Server=db;User ID=fs_a;Password=s3cret-canary";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] PreviousKey = RandomNumberGenerator.GetBytes(32);
    private readonly SecretProtector _protector = new("k1", Key);

    /// <summary>k2 current, k1 previous: the ring in the middle of a rotation from k1 to k2.</summary>
    private readonly SecretProtector _ring = new("k2", Key, new Dictionary<string, byte[]> { ["k1"] = PreviousKey });

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
        var nonces = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(Sealed(_protector.Protect("hospital-a", ConnectionString))[..12])).ToList();

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public void RefuseAValueCopiedToAnotherTenant()
    {
        var stored = _protector.Protect("hospital-a", ConnectionString);

        var error = Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("clinic-b", stored));

        Assert.Equal("clinic-b", error.TenantId);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(20)] // ciphertext
    [InlineData(-1)] // tag
    public void RefuseATamperedValue(int index)
    {
        var stored = _protector.Protect("hospital-a", ConnectionString);
        var bytes = Sealed(stored);
        bytes[index < 0 ? bytes.Length + index : index] ^= 0x01;

        var error = Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("hospital-a", "v1:k1:" + Convert.ToBase64String(bytes)));

        Assert.Equal("the stored source connection of tenant 'hospital-a' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)", error.Message);
    }

    [Fact]
    public void RefuseAValueUnderAKeyThatIsNotLoaded()
    {
        var stored = new SecretProtector("k0", RandomNumberGenerator.GetBytes(32)).Protect("hospital-a", ConnectionString);

        var error = Assert.Throws<SecretDecryptionException>(() => _ring.Unprotect("hospital-a", stored));

        Assert.Equal("the stored source connection of tenant 'hospital-a' cannot be decrypted: it was encrypted under key 'k0', which is not loaded (loaded: k2, k1)", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Server=db;Password=plain-canary")]
    [InlineData("v2:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1:k1")]
    [InlineData("v1:k1:not*base64-canary")]
    [InlineData("v1:k1:AAAAAAAA")]
    [InlineData("v1:plain-canary+/=:AAAA")]
    public void RefuseAMalformedValueWithoutQuotingIt(string stored)
    {
        var error = Assert.Throws<SecretDecryptionException>(() => _protector.Unprotect("hospital-a", stored));

        Assert.StartsWith("the stored source connection of tenant 'hospital-a' cannot be decrypted: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecryptValuesUnderThePreviousKeyAndEncryptOnlyUnderTheCurrentOne()
    {
        var underPrevious = new SecretProtector("k1", PreviousKey).Protect("hospital-a", ConnectionString);

        var reencrypted = _ring.Protect("hospital-a", _ring.Unprotect("hospital-a", underPrevious));

        Assert.StartsWith("v1:k2:", reencrypted, StringComparison.Ordinal);
        Assert.Equal(ConnectionString, new SecretProtector("k2", Key).Unprotect("hospital-a", reencrypted));
        Assert.Throws<SecretDecryptionException>(() => new SecretProtector("k1", PreviousKey).Unprotect("hospital-a", reencrypted));
    }

    [Fact]
    public void TellWhetherAValueIsUnderTheCurrentKey()
    {
        var underPrevious = new SecretProtector("k1", PreviousKey).Protect("hospital-a", ConnectionString);

        Assert.False(_ring.IsUnderCurrentKey(underPrevious));
        Assert.True(_ring.IsUnderCurrentKey(_ring.Protect("hospital-a", ConnectionString)));
        Assert.False(_ring.IsUnderCurrentKey("not a stored value"));
        Assert.Equal("k2", _ring.CurrentKeyId);
        Assert.Equal(["k2", "k1"], _ring.LoadedKeyIds);
    }

    [Fact]
    public void RefuseAValueRelabelledWithAnotherLoadedKeyId()
    {
        var underPrevious = new SecretProtector("k1", PreviousKey).Protect("hospital-a", ConnectionString);

        Assert.Throws<SecretDecryptionException>(() => _ring.Unprotect("hospital-a", "v1:k2:" + underPrevious["v1:k1:".Length..]));
    }

    [Fact]
    public void RefuseASourceConnectionReplayedAsSinkCredentials()
    {
        var source = _ring.Protect("hospital-a", ConnectionString, SecretPurpose.SourceConnection);
        var sink = _ring.Protect("hospital-a", "token-canary", SecretPurpose.SinkCredentials);

        var asSink = Assert.Throws<SecretDecryptionException>(() => _ring.Unprotect("hospital-a", source, SecretPurpose.SinkCredentials));
        Assert.Throws<SecretDecryptionException>(() => _ring.Unprotect("hospital-a", sink, SecretPurpose.SourceConnection));

        Assert.Equal((SecretPurpose.SinkCredentials, "the stored sink credentials of tenant 'hospital-a' cannot be decrypted: authentication failed (tampered, or stored for another tenant or purpose)"),
            (asSink.Purpose, asSink.Message));
        Assert.Equal("token-canary", _ring.Unprotect("hospital-a", sink, SecretPurpose.SinkCredentials));
    }

    /// <summary>Source connections stored before the key ring and purposes existed must still decrypt: same form, same associated data.</summary>
    [Fact]
    public void DecryptASourceConnectionStoredInTheOriginalFormat()
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes(ConnectionString);
        var sealedValue = new byte[12 + plain.Length + 16];
        nonce.CopyTo(sealedValue, 0);
        using (var aes = new AesGcm(PreviousKey, 16))
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(12, plain.Length), sealedValue.AsSpan(12 + plain.Length), "fhirsync/v1/hospital-a/k1"u8);

        Assert.Equal(ConnectionString, _ring.Unprotect("hospital-a", $"v1:k1:{Convert.ToBase64String(sealedValue)}"));
    }

    [Fact]
    public void RefuseAKeyThatIsNotThirtyTwoBytes()
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector("k1", new byte[16]));
        Assert.Throws<ArgumentException>(() => new SecretProtector("k2", Key, new Dictionary<string, byte[]> { ["k1"] = new byte[16] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("k:1")]
    [InlineData("k/1")]
    [InlineData("k 1")]
    [InlineData("k123456789012345678901234567890123")]
    public void RefuseAKeyIdThatCouldBreakTheStoredFormOrTheAssociatedData(string keyId)
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector(keyId, Key));
    }

    [Fact]
    public void RefuseTheSameKeyIdTwice()
    {
        Assert.Throws<ArgumentException>(() => new SecretProtector("k1", Key, new Dictionary<string, byte[]> { ["k1"] = PreviousKey }));
    }

    private static byte[] Sealed(string stored) => Convert.FromBase64String(stored[(stored.LastIndexOf(':') + 1)..]);
}
