namespace FhirSync.ControlPlane.Secrets;

/// <summary>
/// What a stored secret is for. The purpose is bound into the associated data, so a value cannot be moved from one
/// column to another (a source connection string replayed as a sink token) and still decrypt.
/// </summary>
public enum SecretPurpose
{
    /// <summary>A tenant's source connection string. Its associated data is the original one, so values stored before purposes existed still decrypt.</summary>
    SourceConnection,

    /// <summary>A tenant's sink credentials (a FHIR store's bearer token).</summary>
    SinkCredentials,
}

internal static class SecretPurposes
{
    /// <summary>How errors name the secret; never its value.</summary>
    public static string Describe(this SecretPurpose purpose) => purpose switch
    {
        SecretPurpose.SourceConnection => "source connection",
        SecretPurpose.SinkCredentials => "sink credentials",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    /// <summary>Appended to the associated data; empty for source connections, whose associated data predates purposes.</summary>
    public static string AssociatedDataSuffix(this SecretPurpose purpose) => purpose switch
    {
        SecretPurpose.SourceConnection => "",
        SecretPurpose.SinkCredentials => "/sink-credentials",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };
}
