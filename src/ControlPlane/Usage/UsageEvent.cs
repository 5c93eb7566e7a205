using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Usage;

/// <summary>
/// One metered unit of work of a tenant. <paramref name="DedupeKey"/> names the unit (a run's page of one source, an
/// intake call), so recording it twice stores it once; <paramref name="EventId"/> is derived from it.
/// </summary>
public sealed record UsageEvent(Guid EventId, string DedupeKey, TenantId TenantId, Guid? RunId, string EventType, string? ResourceType, long RowsRead,
    long ResourcesWritten, long BytesSent, long SourceDbMs, long DurationMs, decimal CostUnits, DateTimeOffset OccurredAt)
{
    public const string SyncPage = "sync-page";

    public const string IntakeCall = "intake-call";

    /// <summary>The id every recording of the same unit gets: a name-based UUID of its dedupe key.</summary>
    public static Guid IdOf(string dedupeKey) => NameBasedGuid.Of(dedupeKey);
}
