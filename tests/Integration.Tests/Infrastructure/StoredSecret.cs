namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Edits a stored (encrypted) value the way a stray write to the control database could.</summary>
internal static class StoredSecret
{
    /// <summary>The same value with one bit of its authentication tag flipped: still well-formed, no longer authentic.</summary>
    public static string Tampered(string stored)
    {
        var prefixLength = stored.LastIndexOf(':') + 1;
        var sealedValue = Convert.FromBase64String(stored[prefixLength..]);
        sealedValue[^1] ^= 0x01;
        return stored[..prefixLength] + Convert.ToBase64String(sealedValue);
    }
}
