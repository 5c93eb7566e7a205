using Microsoft.Extensions.Logging;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>Pool logs: tenant ids, counts, accounts and database names; never a connection string.</summary>
internal static partial class PoolLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Source pool of tenant {TenantId} created (up to {MaxConnections} connections)")]
    public static partial void PoolCreated(ILogger logger, string tenantId, int maxConnections);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Source pool of tenant {TenantId} evicted after {IdleMinutes} idle minutes; {Closed} connections closed")]
    public static partial void PoolEvicted(ILogger logger, string tenantId, double idleMinutes, int closed);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "A pooled source connection of tenant {TenantId} was discarded: {Mismatch}")]
    public static partial void ConnectionDiscarded(ILogger logger, string tenantId, string mismatch);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "An idle source connection of tenant {TenantId} was dropped by the server (error {ErrorNumber})")]
    public static partial void IdleConnectionDropped(ILogger logger, string tenantId, int errorNumber);
}
