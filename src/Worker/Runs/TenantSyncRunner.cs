using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.Extraction;
using FhirSync.Mapping.Compilation;
using FhirSync.Worker.Consumers;
using FhirSync.Worker.Extraction;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using FhirSync.Worker.Tenancy.Pools;
using FhirSync.Worker.Usage;
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
    UsageMeter usage,
    RunPriority priority,
    TimeProvider timeProvider,
    IOptions<ExtractionOptions> extraction,
    ILogger<TenantSyncRunner> logger)
{
    // Rows mapped in one go: between chunks a run gives young runs and queued work their turn.
    private const int RowsBetweenTurns = 256;

    /// <summary>
    /// Runs the request's sources from its <paramref name="firstSource"/>-th on (earlier slices did those before), or,
    /// when <paramref name="sliceEndsAt"/> passes first, as much as fits: a slice ends after a page whose watermark the
    /// sink acknowledged, and the result says which source the next slice resumes.
    /// </summary>
    public async Task<SyncRunResult> RunAsync(TenantContext tenant, TenantRunRequest request, int firstSource, DateTimeOffset? sliceEndsAt,
        CancellationToken cancellationToken)
    {
        var runId = request.RunId;
        var source = pools.For(tenant);
        await SourceSchemaVerifier.VerifyAsync(tenant.Mapping, source, cancellationToken);
        var starts = await watermarks.PlanAsync(tenant, source, request.FullResync, runId, cancellationToken);
        var selected = Enumerable.Range(0, tenant.Mapping.Resources.Count)
            .Where(i => request.ResourceTypes is null || request.ResourceTypes.Contains(tenant.Mapping.Resources[i].ResourceType)).Skip(firstSource).ToList();

        await using var sink = await sinks.OpenAsync(tenant, runId, MergedTypes(tenant.Mapping, starts, selected), cancellationToken);
        // A reconciliation needs every source read to its end; a sink that publishes at the end cannot end a slice halfway.
        var slicesAt = request.Reconcile || !sink.AcknowledgesEachPage ? null : sliceEndsAt;
        using var turn = priority.Start();
        var tallies = new List<SourceTally>(selected.Count);
        var advanceAtEnd = new List<Func<Task>>();
        int? resumeAt = null;
        for (var n = 0; n < selected.Count && resumeAt is null; n++)
        {
            var i = selected[n];
            var mapper = tenant.Mapping.Resources[i];
            var tally = new SourceTally(mapper, runId, timeProvider);
            // Only a change-tracked source can stop halfway: its watermark is where the next slice resumes.
            var stopped = !await SyncSourceAsync(tenant, source, starts[i], sink, tally, advanceAtEnd, starts[i].Tracked ? slicesAt : null, turn, cancellationToken);
            tally.Pause();
            Log.SourceSynced(logger, tenant.TenantId.Value, runId, mapper.Table, mapper.ResourceType, tally.Read, tally.Written, tally.Rejected);
            if (stopped) resumeAt = firstSource + n;
            else tallies.Add(tally);
        }

        // After every source was synced, so what the sink holds is as current as this run can make it.
        if (request.Reconcile)
        {
            foreach (var tally in tallies)
            {
                tally.Resume();
                await reconciler.ReconcileAsync(tenant, runId, source, sink, tally, cancellationToken);
                tally.Pause();
            }
        }

        await sink.CompleteAsync(cancellationToken);
        foreach (var advance in advanceAtEnd) await advance();
        var recordedAt = timeProvider.GetUtcNow();
        await ControlDatabaseUnavailableException.GuardAsync(() => reports.AddToReportsAsync([.. tallies.Select(t => t.TakeReport(tenant.TenantId, recordedAt, final: true))],
            final: true, cancellationToken));
        var totals = await ControlDatabaseUnavailableException.GuardAsync(() => reports.ReportsAsync(tenant.TenantId, runId, cancellationToken));
        var mappingOrder = tenant.Mapping.Resources.Select(r => (r.ResourceType, r.Table)).ToList();
        return new SyncRunResult(sink.Kind, sink.Location, [.. totals.OrderBy(t => mappingOrder.IndexOf((t.ResourceType, t.SourceTable))).Select(SourceTally.CountOf)], resumeAt);
    }

    /// <summary>
    /// Types the sink merges into what it holds instead of replacing: those whose every source resumes after a watermark,
    /// and those this run does not touch at all.
    /// </summary>
    private static HashSet<string> MergedTypes(CompiledMapping mapping, IReadOnlyList<SourceStart> starts, IReadOnlyList<int> selected)
    {
        var replaced = selected.Where(i => !starts[i].Incremental).Select(i => mapping.Resources[i].ResourceType).ToHashSet();
        return [.. mapping.Resources.Select(r => r.ResourceType).Where(type => !replaced.Contains(type))];
    }

    /// <summary>
    /// Reads one source to its end, or until the slice's end after a page; false when it stopped for the slice. Three
    /// things overlap: the source reads the next page while this one is mapped and written, and what a written page
    /// leaves to record (lineage, progress, usage, then its watermark, in that order) is stored while the next is written.
    /// Records stay in page order, and a failure to store them fails the run at the next page at the latest.
    /// </summary>
    private async Task<bool> SyncSourceAsync(TenantContext tenant, ISourceConnections source, SourceStart start, IResourceSink sink, SourceTally tally,
        List<Func<Task>> advanceAtEnd, DateTimeOffset? sliceEndsAt, RunPriority.RunTurn turn, CancellationToken cancellationToken)
    {
        var mapper = tally.Mapper;
        var runId = tally.RunId;
        object?[]? last = null;
        var recording = Task.CompletedTask;
        await using (var pages = new PageReadAhead(KeysetPageReader.ReadAsync(source, mapper, start.Order, start.After, extraction.Value.PageSize, cancellationToken),
            timeProvider, cancellationToken))
        {
            try
            {
                while (true)
                {
                    var waitStarted = timeProvider.GetTimestamp();
                    if (!await pages.MoveNextAsync()) break;
                    var page = pages.Current;
                    await turn.BeforePageAsync(cancellationToken);
                    var (read, written, bytes) = (tally.Read, tally.Written, sink.BytesSent);
                    await WritePageAsync(tenant, runId, page, sink, tally, turn, cancellationToken);
                    var done = new WrittenPage(tally.TakeLineage(), tally.TakeReport(tenant.TenantId, timeProvider.GetUtcNow(), final: false),
                        new PageUsage(mapper.ResourceType, mapper.Table, last ?? start.After, tally.Read - read, tally.Written - written, sink.BytesSent - bytes,
                            (long)pages.CurrentReadTime.TotalMilliseconds, (long)timeProvider.GetElapsedTime(waitStarted).TotalMilliseconds),
                        start.Tracked && sink.AcknowledgesEachPage ? page.LastPosition : null);
                    await recording;
                    recording = RecordPageAsync(tenant, runId, mapper, start, done, cancellationToken);
                    last = page.LastPosition;
                    if (sliceEndsAt is { } end && timeProvider.GetUtcNow() >= end)
                    {
                        await recording;
                        return false;
                    }
                }

                await recording;
            }
            catch when (!recording.IsCompleted)
            {
                // The page failed while the one before it was still being recorded: let that finish before the run's error goes on.
                await recording.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }

        if (!start.Tracked)
        {
            tally.SourceRows = tally.Read;
            return true;
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

        return true;
    }

    /// <summary>What a written page leaves to store: where each row went, the run's progress, the page's usage and, for a sink that acknowledged it, its watermark.</summary>
    private sealed record WrittenPage(IReadOnlyList<LineageEntry> Lineage, SourceReport Progress, PageUsage Usage, object?[]? AcknowledgedPosition);

    /// <summary>Stores a written page's records; the watermark last, so it never runs ahead of the lineage the reconciliation needs.</summary>
    private async Task RecordPageAsync(TenantContext tenant, Guid runId, CompiledResourceMapper mapper, SourceStart start, WrittenPage page, CancellationToken cancellationToken)
    {
        await ControlDatabaseUnavailableException.GuardAsync(() => reports.RecordLineageAsync(tenant.TenantId, page.Lineage, cancellationToken));
        // Progress, page by page, for those watching the run.
        await ControlDatabaseUnavailableException.GuardAsync(() => reports.AddToReportsAsync([page.Progress], final: false, cancellationToken));
        await usage.RecordPageAsync(tenant.TenantId, runId, page.Usage, cancellationToken);
        if (page.AcknowledgedPosition is { } position) await watermarks.AdvanceAsync(tenant, mapper, position, start.PreviousSourceRows, runId, cancellationToken);
    }

    /// <summary>Maps a page, writes and deletes its resources, and tallies each row once: written, deleted, or rejected by the mapper or the store.</summary>
    private async Task WritePageAsync(TenantContext tenant, Guid runId, SourcePage page, IResourceSink sink, SourceTally tally, RunPriority.RunTurn turn,
        CancellationToken cancellationToken)
    {
        var mapper = tally.Mapper;
        // Mapping is the run's CPU: a page's rows are mapped in chunks on every core, each chunk first giving young runs their turn.
        var outcomes = new RowOutcome[page.Rows.Count];
        var chunks = (outcomes.Length + RowsBetweenTurns - 1) / RowsBetweenTurns;
        await Parallel.ForAsync(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                await turn.BetweenRowsAsync(token);
                var end = Math.Min(outcomes.Length, (chunk + 1) * RowsBetweenTurns);
                for (var i = chunk * RowsBetweenTurns; i < end; i++) outcomes[i] = page.OutcomeOf(mapper, page.Rows[i]);
            });

        var entries = new List<SinkEntry>(outcomes.Length);
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

    }
}
