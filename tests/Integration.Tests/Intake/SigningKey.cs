using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// A signing key the test owns: written (private) into the OIDC test provider's key set, and usable to craft the
/// tokens a real provider would never issue (expired, wrong issuer) with the real key material.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private SigningKey(string kid, RSA? rsa, ECDsa? ecdsa)
    {
        Kid = kid;
        _rsa = rsa;
        _ecdsa = ecdsa;
    }

    public string Kid { get; }

    public string Algorithm => _rsa is not null ? "RS256" : "ES256";

    public static SigningKey Rsa(string kid) => new(kid, RSA.Create(2048), null);

    public static SigningKey EcP256(string kid) => new(kid, null, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The public key as PEM: what a key-confusion forgery uses as an HMAC secret.</summary>
    public byte[] PublicKeyPem => Encoding.ASCII.GetBytes(_rsa is not null ? _rsa.ExportSubjectPublicKeyInfoPem() : _ecdsa!.ExportSubjectPublicKeyInfoPem());

    /// <summary>The private JWK, as the provider's <c>jwks</c> configuration takes it.</summary>
    public Dictionary<string, string> PrivateJwk()
    {
        var jwk = new Dictionary<string, string> { ["kid"] = Kid, ["alg"] = Algorithm, ["use"] = "sig" };
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(includePrivateParameters: true);
            jwk["kty"] = "RSA";
            foreach (var (name, value) in new[] { ("n", p.Modulus), ("e", p.Exponent), ("d", p.D), ("p", p.P), ("q", p.Q), ("dp", p.DP), ("dq", p.DQ), ("qi", p.InverseQ) })
                jwk[name] = Base64Url.EncodeToString(value);
        }
        else
        {
            var p = _ecdsa!.ExportParameters(includePrivateParameters: true);
            (jwk["kty"], jwk["crv"], jwk["x"], jwk["y"], jwk["d"]) = ("EC", "P-256", Base64Url.EncodeToString(p.Q.X), Base64Url.EncodeToString(p.Q.Y), Base64Url.EncodeToString(p.D));
        }

        return jwk;
    }

    /// <summary>A compact JWS of <paramref name="claims"/> signed by this key under its own kid and algorithm, or under the ones given.</summary>
    public string Sign(object claims, string? kid = null) =>
        Jws.Compact(new { alg = Algorithm, typ = "at+jwt", kid = kid ?? Kid }, claims, input => _rsa is not null
            ? _rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ecdsa!.SignData(input, HashAlgorithmName.SHA256));

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }
}

/// <summary>Compact JWS serialization (RFC 7515), for tokens the tests craft.</summary>
internal static class Jws
{
    public static string Compact(object header, object claims, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Part(header)}.{Part(claims)}";
        var signature = sign(Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
