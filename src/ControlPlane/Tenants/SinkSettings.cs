namespace FhirSync.ControlPlane.Tenants;

/// <summary>Where a tenant's resources go. Kinds: <c>ndjson</c> (a folder) and <c>fhir</c> (a FHIR REST base URL).</summary>
public sealed record SinkSettings
{
    public const string Ndjson = "ndjson";
    public const string Fhir = "fhir";

    public required string Kind { get; init; }

    /// <summary>For <c>ndjson</c>: the tenant's output folder; relative paths resolve under the worker's output root.</summary>
    public string? Folder { get; init; }

    /// <summary>For <c>fhir</c>: the tenant's own FHIR base URL (a server, or a partition of one).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>For <c>fhir</c>: resources per transaction bundle.</summary>
    public int BundleSize { get; init; } = 50;
}
