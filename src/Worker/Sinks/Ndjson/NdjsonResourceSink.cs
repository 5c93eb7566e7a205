using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// FHIR Bulk Data layout: one <c>{Type}.ndjson</c> per resource type in the tenant's folder. A run writes to a staging
/// folder named after the run and swaps each file in when the run completes, so a crashed run leaves the last good
/// files untouched. A type read in full replaces its file (syncing twice leaves the same resources); a type read
/// incrementally is merged into its file by resource id. A deleted resource is dropped from its file. Nothing is
/// published before the end, so watermarks advance only then.
/// </summary>
internal sealed class NdjsonResourceSink : IResourceSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _page = new(1 << 16);
    private Utf8JsonWriter? _json;
    private readonly string _tenantFolder;
    private readonly string _stagingFolder;
    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _mergedTypes = new HashSet<string>();
    private readonly Dictionary<string, HashSet<string>> _deleted = new(StringComparer.Ordinal);

    private readonly TenantFolderLock _folderLock;

    private NdjsonResourceSink(TenantFolderLock folderLock, string tenantFolder, Guid runId)
    {
        _folderLock = folderLock;
        _tenantFolder = tenantFolder;
        _stagingFolder = Path.Combine(tenantFolder, $".staging-{runId:N}");
    }

    private void Prepare(IEnumerable<string> resourceTypes, IReadOnlySet<string> mergedTypes)
    {
        _mergedTypes = mergedTypes;
        // A redelivered run starts its staging afresh: half-written pages of an earlier attempt are discarded.
        if (Directory.Exists(_stagingFolder)) Directory.Delete(_stagingFolder, recursive: true);
        Directory.CreateDirectory(_stagingFolder);
        foreach (var type in resourceTypes.Distinct(StringComparer.Ordinal)) FileFor(type);
    }

    /// <summary>Opens the tenant's folder for one run once no other run holds it (<see cref="TenantFolderLock"/>).</summary>
    public static async Task<NdjsonResourceSink> OpenAsync(string tenantId, string root, string tenantFolder, Guid runId, IEnumerable<string> resourceTypes,
        IReadOnlySet<string> mergedTypes, TimeSpan lockWait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var folderLock = await TenantFolderLock.AcquireAsync(tenantId, root, tenantFolder, lockWait, timeProvider, cancellationToken);
        var sink = new NdjsonResourceSink(folderLock, tenantFolder, runId);
        try
        {
            sink.Prepare(resourceTypes, mergedTypes);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync(); // its files so far, its staging folder and the lock
            throw;
        }
    }

    public string Kind => "ndjson";

    public string Location => _tenantFolder;

    public bool AcknowledgesEachPage => false;

    public long BytesSent { get; private set; }

    public async Task<IReadOnlyList<SinkRejection>> WriteAsync(string resourceType, IReadOnlyList<SinkEntry> entries, CancellationToken cancellationToken)
    {
        var file = FileFor(resourceType);
        // The page is serialized into one reused buffer and written with one call: no array per resource, no write per line.
        _page.ResetWrittenCount();
        var json = _json ??= new Utf8JsonWriter(_page, FhirJson.WriterOptions);
        foreach (var entry in entries)
        {
            if (entry.Resource is null)
            {
                DeletedOf(resourceType).Add(entry.Id);
                continue;
            }

            json.Reset(_page);
            FhirJson.Serialize(json, entry.Resource);
            json.Flush();
            _page.Write(NewLine);
        }

        await file.WriteAsync(_page.WrittenMemory, cancellationToken);
        await file.FlushAsync(cancellationToken);
        BytesSent += _page.WrittenCount;
        return [];
    }

    /// <summary>What the type's file will hold when this run publishes it: what the run staged, plus, for a merged type, what the folder holds.</summary>
    public async IAsyncEnumerable<HeldResource> HeldAsync(string resourceType, string identifierSystem, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var staged = FileFor(resourceType);
        await staged.FlushAsync(cancellationToken);
        var published = Path.Combine(_tenantFolder, $"{resourceType}.ndjson");
        var files = _mergedTypes.Contains(resourceType) && File.Exists(published) ? new[] { staged.Name, published } : [staged.Name];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                using var resource = JsonDocument.Parse(line);
                var id = resource.RootElement.GetProperty("id").GetString()!;
                if (seen.Add(id) && !DeletedOf(resourceType).Contains(id) && SourceIdentifier.KeyIn(resource.RootElement, identifierSystem) is { } key)
                    yield return new HeldResource(id, key);
            }
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (type, file) in _files)
        {
            file.Flush(flushToDisk: true);
            await file.DisposeAsync();
            var published = Path.Combine(_tenantFolder, $"{type}.ndjson");
            await NdjsonMerge.IntoStagedAsync(_mergedTypes.Contains(type) ? published : null, file.Name, DeletedOf(type), cancellationToken);
            File.Move(file.Name, published, overwrite: true);
        }

        _files.Clear();
        Directory.Delete(_stagingFolder, recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_json is not null) await _json.DisposeAsync();
            foreach (var file in _files.Values) await file.DisposeAsync();
            _files.Clear();
            // A run that did not complete leaves nothing behind; the published files were never touched.
            if (Directory.Exists(_stagingFolder)) Directory.Delete(_stagingFolder, recursive: true);
        }
        finally
        {
            // Whatever failed above (a full disk), the folder must not stay locked for this tenant's next runs.
            await _folderLock.DisposeAsync();
        }
    }

    private HashSet<string> DeletedOf(string resourceType)
    {
        if (!_deleted.TryGetValue(resourceType, out var ids)) _deleted[resourceType] = ids = new HashSet<string>(StringComparer.Ordinal);
        return ids;
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
