using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Runs;

/// <summary>Run logs: tenant ids, run ids, tables, keys and counts; never row values.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Sync run {RunId} of tenant {TenantId} started ({Origin})")]
    public static partial void RunStarted(ILogger logger, string tenantId, Guid runId, string origin);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId}: {Table} -> {ResourceType}: {RowsRead} rows read, {ResourcesWritten} written, {RowsRejected} rejected")]
    public static partial void SourceSynced(ILogger logger, string tenantId, Guid runId, string table, string resourceType, long rowsRead, long resourcesWritten, long rowsRejected);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Tenant {TenantId} run {RunId}: row of {Table} with key {Key} rejected: {Rule}")]
    public static partial void RowRejected(ILogger logger, string tenantId, Guid runId, string table, string key, string rule);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Sync run {RunId} of tenant {TenantId} completed in {ElapsedMs} ms")]
    public static partial void RunCompleted(ILogger logger, string tenantId, Guid runId, long elapsedMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Sync run {RunId} of tenant {TenantId} failed at {Stage}; will retry: {WillRetry}; {Reason}")]
    public static partial void RunFailed(ILogger logger, string tenantId, Guid runId, string stage, bool willRetry, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId}: the store refused the {ResourceType} of {Table} key {Key} ({StatusCode}, {IssueCodes}); the rest of its bundle was written")]
    public static partial void ResourceRefused(ILogger logger, string tenantId, Guid runId, string resourceType, string table, string key, int statusCode, string issueCodes);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "Tenant {TenantId} run {RunId}: reconciled {Table} -> {ResourceType}: {SourceRows} source rows, {Held} held by the sink, {Deleted} deleted, {Missing} missing")]
    public static partial void SourceReconciled(ILogger logger, string tenantId, Guid runId, string table, string resourceType, long sourceRows, long held, long deleted, long missing);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning,
        Message = "Tenant {TenantId} run {RunId}: the sink holds {Count} {ResourceType} with the identifier system of {Table} but an id FhirSync does not make; left alone")]
    public static partial void ForeignResourcesHeld(ILogger logger, string tenantId, Guid runId, string resourceType, string table, int count);
}
