namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// One run at a time in a tenant's NDJSON folder, across every worker process on the machine: an exclusive lock on a
/// file in the folder (.NET takes it with flock on Linux). A second delivery of the same request, on another worker,
/// waits for the first to publish instead of writing into the same staging files.
/// </summary>
internal sealed class TenantFolderLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _lock;

    private TenantFolderLock(FileStream held) => _lock = held;

    /// <exception cref="SinkBusyException">Another run held the folder for longer than <paramref name="wait"/>.</exception>
    public static async Task<TenantFolderLock> AcquireAsync(string tenantId, string tenantFolder, TimeSpan wait, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var path = Path.Combine(tenantFolder, ".fhirsync-run.lock");
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
