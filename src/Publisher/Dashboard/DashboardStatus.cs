namespace FhirSync.Publisher.Dashboard;

/// <summary>Everything the page shows, as <c>/api/status</c> serves it; read at <see cref="GeneratedAt"/>.</summary>
internal sealed record DashboardStatus(DateTimeOffset GeneratedAt, int RefreshSeconds, IReadOnlyList<TenantStatus> Tenants, IReadOnlyList<RecentError> Errors,
    QueueStatus Queues, UsageChart Usage);

/// <summary>A failed or deferred run's stage and reason; the worker's reasons name tables, columns and keys, never values.</summary>
internal sealed record RecentError(string TenantId, Guid RunId, string State, string? Stage, string? Reason, DateTimeOffset At);
