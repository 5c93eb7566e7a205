using Resource = Hl7.Fhir.Model.Resource;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// FHIR Bulk Data layout: one <c>{Type}.ndjson</c> per resource type in the tenant's folder. A run writes to a staging
/// folder named after the run and swaps each file in when the run completes, so a full sync replaces the previous
/// output (syncing twice leaves the same resources) and a crashed run leaves the last good files untouched.
/// </summary>
internal sealed class NdjsonResourceSink : IResourceSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly string _tenantFolder;
    private readonly string _stagingFolder;
    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);

    public NdjsonResourceSink(string tenantFolder, Guid runId, IEnumerable<string> resourceTypes)
    {
        _tenantFolder = tenantFolder;
        _stagingFolder = Path.Combine(tenantFolder, $".staging-{runId:N}");
        // A redelivered run starts its staging afresh: half-written pages of an earlier attempt are discarded.
        if (Directory.Exists(_stagingFolder)) Directory.Delete(_stagingFolder, recursive: true);
        Directory.CreateDirectory(_stagingFolder);
        foreach (var type in resourceTypes.Distinct(StringComparer.Ordinal)) FileFor(type);
    }

    public string Kind => "ndjson";

    public string Location => _tenantFolder;

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
            File.Move(file.Name, Path.Combine(_tenantFolder, $"{type}.ndjson"), overwrite: true);
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
