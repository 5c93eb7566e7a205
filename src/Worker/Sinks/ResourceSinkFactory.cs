using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Sinks.FhirRest;
using FhirSync.Worker.Sinks.Ndjson;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Sinks;

/// <summary>Opens the sink a tenant's settings name, confined to that tenant's folder or FHIR base.</summary>
internal sealed class ResourceSinkFactory(IHttpClientFactory httpClients, IOptions<SinkOptions> options, TimeProvider timeProvider)
{
    public const string FhirHttpClient = "fhir-sink";

    /// <summary>
    /// The tenant's sink for one run; <paramref name="incrementalTypes"/> (read after a watermark) are merged into what
    /// the store holds, not replacing it. An NDJSON sink waits until no other run holds the tenant's folder.
    /// </summary>
    public async Task<IResourceSink> OpenAsync(TenantContext tenant, Guid runId, IReadOnlySet<string> incrementalTypes, CancellationToken cancellationToken) =>
        tenant.Sink.Kind switch
        {
            SinkSettings.Ndjson => await NdjsonResourceSink.OpenAsync(tenant.TenantId.Value, Path.GetFullPath(options.Value.NdjsonRoot), TenantFolder(tenant), runId,
                tenant.Mapping.Resources.Select(r => r.ResourceType), incrementalTypes, TimeSpan.FromSeconds(options.Value.NdjsonLockWaitSeconds), timeProvider, cancellationToken),
            SinkSettings.Fhir when tenant.Sink.BaseUrl is { IsAbsoluteUri: true } baseUrl && tenant.Sink.BundleSize > 0 =>
                new FhirRestResourceSink(new FhirStoreClient(httpClients.CreateClient(FhirHttpClient), tenant.TenantId.Value, baseUrl, tenant.SinkToken), tenant.Sink.BundleSize),
            SinkSettings.Fhir => throw new InvalidSinkSettingsException(tenant.TenantId.Value, "a fhir sink needs an absolute baseUrl and a positive bundleSize"),
            _ => throw new InvalidSinkSettingsException(tenant.TenantId.Value, $"sink kind '{tenant.Sink.Kind}' is not one of ndjson, fhir"),
        };

    /// <summary>The tenant's folder under the NDJSON root; a folder setting that escapes the root is refused.</summary>
    private string TenantFolder(TenantContext tenant)
    {
        var root = Path.GetFullPath(options.Value.NdjsonRoot);
        var folder = Path.GetFullPath(Path.Combine(root, tenant.Sink.Folder ?? tenant.TenantId.Value));
        if (!folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidSinkSettingsException(tenant.TenantId.Value, "the ndjson folder must stay inside the worker's output root");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
