namespace FhirSync.ControlPlane.Tenants;

/// <summary>
/// A tenant's downstream store in one normalised string (<c>ndjson:/{folder}</c> or <c>fhir:{base url}</c>), so the
/// registry can refuse a second tenant on the same store, or on a store nested inside another tenant's.
/// </summary>
public static class SinkIdentity
{
    public static string Of(TenantId tenantId, SinkSettings sink) => sink.Kind switch
    {
        // Relative to the worker's output root; "/" + folder and GetFullPath fold "a/../b" and "./b" into "/b".
        SinkSettings.Ndjson => $"ndjson:{Path.GetFullPath("/" + (sink.Folder ?? tenantId.Value)).TrimEnd('/').ToLowerInvariant()}/",
        SinkSettings.Fhir when sink.BaseUrl is { IsAbsoluteUri: true } url =>
            $"fhir:{url.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant()}/",
        _ => $"{sink.Kind}:{tenantId.Value}/",
    };

    /// <summary>The same store, or one inside the other: writing to either would touch the other tenant's data.</summary>
    public static bool Overlap(string first, string second) =>
        first.StartsWith(second, StringComparison.Ordinal) || second.StartsWith(first, StringComparison.Ordinal);
}
