using Resource = Hl7.Fhir.Model.Resource;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// FHIR Bulk Data layout: one <c>{Type}.ndjson</c> per resource type in the tenant's folder. A run writes to a staging
/// folder named after the run and swaps each file in when the run completes, so a crashed run leaves the last good
/// files untouched. A type read in full replaces its file (syncing twice leaves the same resources); a type read
/// incrementally is merged into its file by resource id. Nothing is published before the end, so watermarks advance
/// only then.
/// </summary>
internal sealed class NdjsonResourceSink : IResourceSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _tenantFolder;
    private readonly string _stagingFolder;
    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> _mergedTypes;

    public NdjsonResourceSink(string tenantFolder, Guid runId, IEnumerable<string> resourceTypes, IReadOnlySet<string> mergedTypes)
    {
        _tenantFolder = tenantFolder;
        _mergedTypes = mergedTypes;
        _stagingFolder = Path.Combine(tenantFolder, $".staging-{runId:N}");
        // A redelivered run starts its staging afresh: half-written pages of an earlier attempt are discarded.
        if (Directory.Exists(_stagingFolder)) Directory.Delete(_stagingFolder, recursive: true);
        Directory.CreateDirectory(_stagingFolder);
        foreach (var type in resourceTypes.Distinct(StringComparer.Ordinal)) FileFor(type);
    }

    public string Kind => "ndjson";

    public string Location => _tenantFolder;

    public bool AcknowledgesEachPage => false;

    public async Task WriteAsync(string resourceType, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        var file = FileFor(resourceType);
        foreach (var resource in resources)
        {
            await file.WriteAsync(FhirJson.SerializeToUtf8(resource), cancellationToken);
            await file.WriteAsync(NewLine, cancellationToken);
        }

        await file.FlushAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (type, file) in _files)
        {
            file.Flush(flushToDisk: true);
            await file.DisposeAsync();
            var published = Path.Combine(_tenantFolder, $"{type}.ndjson");
            if (_mergedTypes.Contains(type)) await NdjsonMerge.IntoStagedAsync(published, file.Name, cancellationToken);
            File.Move(file.Name, published, overwrite: true);
        }

        _files.Clear();
        Directory.Delete(_stagingFolder, recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values) await file.DisposeAsync();
        _files.Clear();
    }

    private FileStream FileFor(string resourceType)
    {
        if (!_files.TryGetValue(resourceType, out var file))
        {
            file = new FileStream(Path.Combine(_stagingFolder, $"{resourceType}.ndjson"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
            _files[resourceType] = file;
        }

        return file;
    }
}
