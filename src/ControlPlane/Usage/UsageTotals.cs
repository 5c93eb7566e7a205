using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Usage;

/// <summary>What a tenant used in a period: the sums of its usage events.</summary>
public sealed record UsageTotals(TenantId TenantId, long Events, long SyncPages, long IntakeCalls, long RowsRead, long ResourcesWritten, long BytesSent,
    long SourceDbMs, long DurationMs, decimal CostUnits);

/// <summary>A tenant's usage in one bucket of time (an hour or a day), for charts.</summary>
public sealed record UsagePoint(TenantId TenantId, DateTimeOffset BucketStart, long RowsRead, long ResourcesWritten, decimal CostUnits);
