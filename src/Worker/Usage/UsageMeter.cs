using System.Security.Cryptography;
using System.Text;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using FhirSync.Extraction;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Usage;

/// <summary>
/// Meters each page a sync processed, exactly once: the event is stored under a key naming the page (run, source,
/// where the page starts), and published as <see cref="UsageRecorded"/> only when it was new. A publish that fails, or a
/// worker that dies before it, leaves the event unpublished for <see cref="UsageRelay"/>.
/// </summary>
internal sealed class UsageMeter(UsageStore store, IBus bus, IOptions<UsagePrices> prices, TimeProvider timeProvider, ILogger<UsageMeter> logger)
{
    public async Task RecordPageAsync(TenantId tenantId, Guid runId, PageUsage page, CancellationToken cancellationToken)
    {
        var dedupeKey = $"{UsageEvent.SyncPage}/{runId:N}/{page.ResourceType}/{page.SourceTable}/{StartOf(page.PageStart)}";
        var usage = new UsageEvent(UsageEvent.IdOf(dedupeKey), dedupeKey, tenantId, runId, UsageEvent.SyncPage, page.ResourceType, page.RowsRead,
            page.ResourcesWritten, page.BytesSent, page.SourceDbMs, page.DurationMs, prices.Value.CostOfPage(page.RowsRead, page.ResourcesWritten, page.BytesSent),
            timeProvider.GetUtcNow());
        // Stored before the page counts as done: a control database that is down fails the run (retried), it never loses usage.
        if (!await ControlDatabaseUnavailableException.GuardAsync(() => store.RecordAsync(usage, cancellationToken))) return;
        await PublishAsync(usage, cancellationToken);
    }

    /// <summary>Publishes a stored event and marks it published; a failure leaves it to the relay.</summary>
    public async Task PublishAsync(UsageEvent usage, CancellationToken cancellationToken)
    {
        try
        {
            await bus.Publish(ToMessage(usage), cancellationToken);
            await store.MarkPublishedAsync(usage.EventId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            UsageLog.PublishDeferred(logger, usage.TenantId.Value, usage.EventId, ex.GetType().Name);
        }
    }

    public static UsageRecorded ToMessage(UsageEvent usage) => new()
    {
        EventId = usage.EventId,
        TenantId = usage.TenantId.Value,
        RunId = usage.RunId,
        EventType = usage.EventType,
        ResourceType = usage.ResourceType,
        RowsRead = usage.RowsRead,
        ResourcesWritten = usage.ResourcesWritten,
        BytesSent = usage.BytesSent,
        SourceDbMs = usage.SourceDbMs,
        DurationMs = usage.DurationMs,
        CostUnits = usage.CostUnits,
        OccurredAt = usage.OccurredAt,
    };

    // Hashed: the position holds source key values, which have no place in a billing table.
    private static string StartOf(object?[]? position) => position is null
        ? "start"
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SourcePosition.Encode(position))).AsSpan(0, 16));
}
