namespace FhirSync.Publisher.Dashboard;

/// <summary>Each tenant's usage over [<see cref="From"/>, <see cref="To"/>) in buckets; only tenants that used anything have a series.</summary>
internal sealed record UsageChart(DateTimeOffset From, DateTimeOffset To, long BucketSeconds, IReadOnlyList<UsageSeries> Series);

internal sealed record UsageSeries(string TenantId, IReadOnlyList<UsageBucket> Points);

internal sealed record UsageBucket(DateTimeOffset At, long RowsRead, long ResourcesWritten);
