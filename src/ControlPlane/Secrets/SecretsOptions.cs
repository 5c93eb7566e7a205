namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// Where the master key comes from: <c>Secrets:Key</c> (base64 of 32 bytes, usually from the environment) or
/// <c>Secrets:KeyFile</c> (a file holding that base64). Never from the database.
/// </summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>The id stored with each encrypted value, so keys can rotate.</summary>
    public string KeyId { get; set; } = "k1";

    public string? Key { get; set; }

    public string? KeyFile { get; set; }
}
