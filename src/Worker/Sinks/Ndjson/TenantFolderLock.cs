namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// One run at a time in a tenant's NDJSON folder, across every worker process on the machine: an exclusive lock on a
/// file (.NET takes it with flock on Linux) kept beside the tenants' folders, in the root's <c>.locks</c>, so the
/// tenant's folder holds only its Bulk Data files. A second delivery of the same request, on another worker, waits for
/// the first to publish instead of writing into the same staging files.
/// </summary>
internal sealed class TenantFolderLock : IAsyncDisposable
{
    /// <summary>The folder in the NDJSON root that holds the locks; never a tenant's.</summary>
    public const string FolderName = ".locks";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _lock;

    private TenantFolderLock(FileStream held) => _lock = held;

    /// <exception cref="SinkBusyException">Another run held the folder for longer than <paramref name="wait"/>.</exception>
    public static async Task<TenantFolderLock> AcquireAsync(string tenantId, string root, string tenantFolder, TimeSpan wait, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var locks = Directory.CreateDirectory(Path.Combine(root, FolderName)).FullName;
        // Named after the folder, not the tenant: two tenants can never share a folder, and a renamed folder is a new one.
        var path = Path.Combine(locks, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tenantFolder)))[..32] + ".lock");
        var deadline = timeProvider.GetUtcNow() + wait;
        while (true)
        {
            try
            {
                return new TenantFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (timeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll, timeProvider, cancellationToken);
            }
            catch (IOException)
            {
                throw new SinkBusyException(tenantId, wait);
            }
        }
    }

    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
