namespace FhirSync.Worker.Runs;

/// <summary>
/// A stored watermark no longer fits its source, so an incremental run cannot tell what changed. The run stops rather
/// than silently starting over; an operator resets the watermark (or requests a full resync). Not retried.
/// </summary>
internal sealed class WatermarkUntrustedException(string tenantId, string table, string reason)
    : Exception($"the watermark of tenant '{tenantId}' for table '{table}' cannot be trusted: {reason}; check the source, then run 'fhirsync watermarks reset --tenant {tenantId} --table {table}' or 'fhirsync sync --tenant {tenantId} --full'")
{
    public string TenantId { get; } = tenantId;
}
