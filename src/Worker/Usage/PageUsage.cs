namespace FhirSync.Worker.Usage;

/// <summary>
/// What one page of a sync used. <paramref name="PageStart"/> is the position it was read after (null for the first
/// page of a source without a watermark): a page redone after a crash starts at the same place, so it is metered once.
/// </summary>
internal sealed record PageUsage(string ResourceType, string SourceTable, object?[]? PageStart, long RowsRead, long ResourcesWritten, long BytesSent,
    long SourceDbMs, long DurationMs);
