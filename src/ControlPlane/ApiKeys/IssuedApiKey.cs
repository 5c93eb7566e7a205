namespace FhirSync.ControlPlane.ApiKeys;

/// <summary>A freshly issued API key. <see cref="Key"/> exists only here, to be shown once; the registry keeps its hash.</summary>
public sealed class IssuedApiKey(string keyId, string key)
{
    /// <summary>The public part, safe to log and to name in a revoke command.</summary>
    public string KeyId { get; } = keyId;

    /// <summary>Secret: the whole key, <c>fsk_{keyId}_{secret}</c>.</summary>
    public string Key { get; } = key;

    public override string ToString() => KeyId;
}
