using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Extraction;
using FhirSync.Mapping.Compilation;
using FhirSync.Worker.Sinks;

namespace FhirSync.Worker.Runs;

/// <summary>
/// What a run (or a slice of it) did with one mapped source: its counts and time, and the lineage of the keys it
/// handled since the last flush. Each row read ends up in exactly one of written, rejected or deleted.
/// </summary>
internal sealed class SourceTally(CompiledResourceMapper mapper, Guid runId, TimeProvider timeProvider)
{
    private List<LineageEntry> _lineage = [];
    private (long Read, long Written, long Rejected, long Deleted) _reported;
    // The source's own time: counted while it is synced or reconciled, not while the run's other sources are.
    private TimeSpan _activeSinceReport;
    private long? _activeSince = timeProvider.GetTimestamp();

    public CompiledResourceMapper Mapper => mapper;

    public Guid RunId => runId;

    public long Read { get; private set; }

    public long Written { get; private set; }

    public long Rejected { get; private set; }

    public long Deleted { get; private set; }

    /// <summary>Set by a reconciliation; null when the run did not reconcile.</summary>
    public long? Missing { get; private set; }

    /// <summary>Rows the table holds under the mapping's filter at the end of the run.</summary>
    public long SourceRows { get; set; }

    /// <summary>A row the mapper handled: written, deleted, or rejected by the mapper or, one by one, by the store.</summary>
    public void Add(RowOutcome row, SinkRejection? refused)
    {
        Read++;
        string state;
        if (row.Rejection is not null || refused is not null) (Rejected, state) = (Rejected + 1, LineageState.Rejected);
        else if (row.SoftDeleted) (Deleted, state) = (Deleted + 1, LineageState.Deleted);
        else (Written, state) = (Written + 1, LineageState.Written);
        _lineage.Add(new LineageEntry(mapper.ResourceType, mapper.Table, row.Key, row.ResourceId, state, runId));
    }

    /// <summary>A resource deleted because its row is gone from the source.</summary>
    public void AddHardDelete(HeldResource resource)
    {
        Deleted++;
        _lineage.Add(new LineageEntry(mapper.ResourceType, mapper.Table, resource.SourceKey, resource.Id, LineageState.Deleted, runId));
    }

    /// <summary>What a reconciliation found missing from the sink: rows whose resource it does not hold.</summary>
    public void SetMissing(IReadOnlyCollection<(string Key, string Id)> missing)
    {
        Missing = missing.Count;
        foreach (var (key, id) in missing) _lineage.Add(new LineageEntry(mapper.ResourceType, mapper.Table, key, id, LineageState.Missing, runId));
    }

    /// <summary>The lineage gathered since the last call, for the store.</summary>
    public IReadOnlyList<LineageEntry> TakeLineage()
    {
        var taken = _lineage;
        _lineage = [];
        return taken;
    }

    /// <summary>
    /// The counts and time since the last report, to be added to the run's figures. A <paramref name="final"/> one also
    /// carries the table's row count and what a reconciliation found missing.
    /// </summary>
    public SourceReport TakeReport(TenantId tenantId, DateTimeOffset recordedAt, bool final)
    {
        var now = timeProvider.GetTimestamp();
        var active = _activeSinceReport + (_activeSince is { } since ? timeProvider.GetElapsedTime(since, now) : TimeSpan.Zero);
        var report = new SourceReport(tenantId, runId, mapper.ResourceType, mapper.Table, Missing is not null, final ? SourceRows : 0,
            Read - _reported.Read, Written - _reported.Written, Rejected - _reported.Rejected, Deleted - _reported.Deleted, final ? Missing : null, recordedAt,
            (long)active.TotalMilliseconds);
        _reported = (Read, Written, Rejected, Deleted);
        _activeSinceReport = TimeSpan.Zero;
        if (_activeSince is not null) _activeSince = now;
        return report;
    }

    /// <summary>The run moves on to another source: time stops counting for this one until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        if (_activeSince is not { } since) return;
        _activeSinceReport += timeProvider.GetElapsedTime(since);
        _activeSince = null;
    }

    /// <summary>The run comes back to this source (its reconciliation).</summary>
    public void Resume() => _activeSince ??= timeProvider.GetTimestamp();

    public static ResourceSyncCount CountOf(SourceReport report) => new()
    {
        ResourceType = report.ResourceType,
        SourceTable = report.SourceTable,
        RowsRead = report.RowsRead,
        ResourcesWritten = report.Written,
        RowsRejected = report.Rejected,
        ResourcesDeleted = report.Deleted,
        ResourcesMissing = report.Missing,
    };
}
