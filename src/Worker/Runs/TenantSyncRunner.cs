using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.Extraction;
using FhirSync.Mapping.Compilation;
using FhirSync.Worker.Extraction;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>
/// One sync of one tenant: verify the mapped schema, plan where each source starts (after its watermark, if it has a
/// trusted one), then for each source stream pages in change order, map them and hand each page to the sink. A
/// watermark advances only after the sink acknowledged the rows up to it: after each page for a sink that makes
/// each page durable, after the run completed for one that publishes at the end. Rejected rows are reported by key.
/// A reconciling run then holds each source's keys against the sink. Every run ends by recording its report.
/// </summary>
internal sealed class TenantSyncRunner(
    TenantSourcePools pools,
    ResourceSinkFactory sinks,
    RunWatermarks watermarks,
    SourceReconciler reconciler,
    ReconciliationStore reports,
    TimeProvider timeProvider,
    IOptions<ExtractionOptions> extraction,
    ILogger<TenantSyncRunner> logger)
{
    public async Task<SyncRunResult> RunAsync(TenantContext tenant, Guid runId, bool fullResync, bool reconcile, CancellationToken cancellationToken)
    {
        var source = pools.For(tenant);
        await SourceSchemaVerifier.VerifyAsync(tenant.Mapping, source, cancellationToken);
        var starts = await watermarks.PlanAsync(tenant, source, fullResync, cancellationToken);

        await using var sink = await sinks.OpenAsync(tenant, runId, IncrementalTypes(tenant.Mapping, starts), cancellationToken);
        var tallies = new List<SourceTally>(tenant.Mapping.Resources.Count);
        var advanceAtEnd = new List<Func<Task>>();
        for (var i = 0; i < tenant.Mapping.Resources.Count; i++)
        {
            var mapper = tenant.Mapping.Resources[i];
            var tally = await SyncSourceAsync(tenant, runId, source, mapper, starts[i], sink, advanceAtEnd, cancellationToken);
            tallies.Add(tally);
            Log.SourceSynced(logger, tenant.TenantId.Value, runId, mapper.Table, mapper.ResourceType, tally.Read, tally.Written, tally.Rejected);
        }

        // After every source was synced, so what the sink holds is as current as this run can make it.
        if (reconcile)
        {
            foreach (var tally in tallies) await reconciler.ReconcileAsync(tenant, runId, source, sink, tally, cancellationToken);
        }

        await sink.CompleteAsync(cancellationToken);
        foreach (var advance in advanceAtEnd) await advance();
        var recordedAt = timeProvider.GetUtcNow();
        await ControlDatabaseUnavailableException.GuardAsync(() => reports.AddToReportsAsync([.. tallies.Select(t => t.ToReport(tenant.TenantId, recordedAt))], final: true, cancellationToken));
        return new SyncRunResult(sink.Kind, sink.Location, [.. tallies.Select(t => t.ToCount())]);
    }

    /// <summary>Types whose every source resumes after a watermark: the sink merges them into what it holds instead of replacing it.</summary>
    private static HashSet<string> IncrementalTypes(CompiledMapping mapping, IReadOnlyList<SourceStart> starts)
    {
        var sources = mapping.Resources.Zip(starts);
        return [.. sources.Where(s => s.Second.Incremental).Select(s => s.First.ResourceType)
            .Except(sources.Where(s => !s.Second.Incremental).Select(s => s.First.ResourceType))];
    }

    private async Task<SourceTally> SyncSourceAsync(TenantContext tenant, Guid runId, ISourceConnections source, CompiledResourceMapper mapper,
        SourceStart start, IResourceSink sink, List<Func<Task>> advanceAtEnd, CancellationToken cancellationToken)
    {
        var tally = new SourceTally(mapper, runId);
        object?[]? last = null;
        await foreach (var page in KeysetPageReader.ReadAsync(source, mapper, start.Order, start.After, extraction.Value.PageSize, cancellationToken))
        {
            await WritePageAsync(tenant, runId, page, sink, tally, cancellationToken);
            last = page.LastPosition;
            if (start.Tracked && sink.AcknowledgesEachPage)
                await watermarks.AdvanceAsync(tenant, mapper, last, start.PreviousSourceRows, runId, cancellationToken);
        }

        if (!start.Tracked)
        {
            tally.SourceRows = tally.Read;
            return tally;
        }

        // The row count lets the next run tell a truncated table from one with nothing new, and the report show the table's size.
        var sourceRows = await SourceState.CountRowsAsync(source, mapper, cancellationToken);
        tally.SourceRows = sourceRows;
        if (last is not null)
        {
            var position = last;
            if (sink.AcknowledgesEachPage) await watermarks.AdvanceAsync(tenant, mapper, position, sourceRows, runId, cancellationToken);
            else advanceAtEnd.Add(() => watermarks.AdvanceAsync(tenant, mapper, position, sourceRows, runId, cancellationToken));
        }

        return tally;
    }

    /// <summary>Maps a page, writes and deletes its resources, and tallies each row once: written, deleted, or rejected by the mapper or the store.</summary>
    private async Task WritePageAsync(TenantContext tenant, Guid runId, SourcePage page, IResourceSink sink, SourceTally tally, CancellationToken cancellationToken)
    {
        var mapper = tally.Mapper;
        var outcomes = page.Outcomes(mapper).ToList();
        var entries = new List<SinkEntry>(outcomes.Count);
        foreach (var row in outcomes)
        {
            if (row.Rejection is { } rejection) Log.RowRejected(logger, tenant.TenantId.Value, runId, rejection.Table, rejection.Key, rejection.Rule);
            else entries.Add(row.Resource is null ? SinkEntry.Delete(row.ResourceId) : SinkEntry.Put(row.Resource));
        }

        var refused = (await sink.WriteAsync(mapper.ResourceType, entries, cancellationToken)).ToDictionary(r => r.ResourceId, StringComparer.Ordinal);
        foreach (var row in outcomes)
        {
            var refusal = refused.GetValueOrDefault(row.ResourceId);
            if (refusal is not null)
                Log.ResourceRefused(logger, tenant.TenantId.Value, runId, mapper.ResourceType, mapper.Table, row.Key, refusal.StatusCode, refusal.IssueCodes);
            tally.Add(row, refusal);
        }

        await ControlDatabaseUnavailableException.GuardAsync(() => reports.RecordLineageAsync(tenant.TenantId, tally.TakeLineage(), cancellationToken));
    }
}
