using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Watermarks;
using FhirSync.Extraction;
using FhirSync.Mapping.Compilation;
using FhirSync.Worker.Tenancy;

namespace FhirSync.Worker.Runs;

/// <summary>
/// A run's watermarks: where each change-tracked source resumes, checked against what the source holds now, and
/// advanced only after the sink acknowledged the rows up to the new position.
/// </summary>
internal sealed class RunWatermarks(WatermarkStore store)
{
    /// <summary>
    /// Decides how each source is read. A full resync ignores stored watermarks (and replaces them as it goes), except
    /// those it stored itself: a later slice of the run, or its redelivery after a crash, resumes where it got to.
    /// </summary>
    /// <exception cref="WatermarkUntrustedException">A stored watermark does not fit its source any more.</exception>
    public async Task<IReadOnlyList<SourceStart>> PlanAsync(TenantContext tenant, ISourceConnections source, bool fullResync, Guid runId,
        CancellationToken cancellationToken)
    {
        var stored = (await ControlDatabaseUnavailableException.GuardAsync(() => store.ListAsync(tenant.TenantId, cancellationToken)))
            .Where(w => !fullResync || w.RunId == runId).ToList();
        var starts = new List<SourceStart>(tenant.Mapping.Resources.Count);
        foreach (var mapper in tenant.Mapping.Resources)
        {
            if (mapper.ChangeTrackingColumns.Count == 0)
            {
                starts.Add(new SourceStart(SourceOrder.ByKey(mapper), null, Tracked: false, 0));
                continue;
            }

            var order = SourceOrder.ByChange(mapper);
            var watermark = stored.FirstOrDefault(w => w.ResourceType == mapper.ResourceType && w.SourceTable == mapper.Table);
            var after = watermark is null ? null : await TrustedPositionAsync(tenant, source, mapper, order, watermark, cancellationToken);
            starts.Add(new SourceStart(order, after, Tracked: true, watermark?.SourceRows ?? 0));
        }

        return starts;
    }

    public Task AdvanceAsync(TenantContext tenant, CompiledResourceMapper mapper, object?[] position, long sourceRows, Guid runId, CancellationToken cancellationToken) =>
        ControlDatabaseUnavailableException.GuardAsync(() =>
            store.AdvanceAsync(tenant.TenantId, mapper.ResourceType, mapper.Table, SourcePosition.Encode(position), sourceRows, runId, cancellationToken));

    private static async Task<object?[]> TrustedPositionAsync(TenantContext tenant, ISourceConnections source, CompiledResourceMapper mapper, SourceOrder order,
        Watermark watermark, CancellationToken cancellationToken)
    {
        object?[] position;
        try
        {
            position = SourcePosition.Decode(watermark.Position);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            throw new WatermarkUntrustedException(tenant.TenantId.Value, mapper.Table, "its stored position is unreadable");
        }

        if (position.Length != order.Columns.Count)
            throw new WatermarkUntrustedException(tenant.TenantId.Value, mapper.Table, "the mapping's change-tracking or key columns changed since it was stored");
        if (await SourceState.CountRowsAsync(source, mapper, cancellationToken) == 0 && watermark.SourceRows > 0)
            throw new WatermarkUntrustedException(tenant.TenantId.Value, mapper.Table, $"the table holds no rows now but held {watermark.SourceRows} when run {watermark.RunId} stored it (truncated or emptied?)");
        if (!await SourceState.AnyRowAtOrAfterAsync(source, mapper, order, position, cancellationToken))
            throw new WatermarkUntrustedException(tenant.TenantId.Value, mapper.Table, "it is ahead of every row (restored from an older copy, a change-tracking clock set back, or its newest rows deleted?)");
        return position;
    }
}
