namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// The key ring, never from the database. The current key (<c>Secrets:KeyId</c> with <c>Secrets:Key</c>, base64 of
/// 32 bytes usually from the environment, or <c>Secrets:KeyFile</c>, a file holding that base64) encrypts every new
/// value; previous keys, by id, only decrypt: <c>Secrets:PreviousKeys:{keyId}</c> (base64) or
/// <c>Secrets:PreviousKeyFiles:{keyId}</c> (a file path). Keep previous keys loaded until <c>fhirsync keys rotate</c>
/// has moved every value to the current key.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>The id stored with each encrypted value, so keys can rotate.</summary>
    public string KeyId { get; set; } = "k1";

    public string? Key { get; set; }

    public string? KeyFile { get; set; }

    /// <summary>Previous keys by key id, each the base64 of 32 bytes.</summary>
    public Dictionary<string, string> PreviousKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Previous keys by key id, each a file holding the base64 of 32 bytes.</summary>
    public Dictionary<string, string> PreviousKeyFiles { get; } = new(StringComparer.Ordinal);
}
