using FhirSync.Contracts.V1;
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
/// </summary>
internal sealed class TenantSyncRunner(
    TenantSourcePools pools,
    ResourceSinkFactory sinks,
    RunWatermarks watermarks,
    IOptions<ExtractionOptions> extraction,
    ILogger<TenantSyncRunner> logger)
{
    public async Task<SyncRunResult> RunAsync(TenantContext tenant, Guid runId, bool fullResync, CancellationToken cancellationToken)
    {
        var source = pools.For(tenant);
        await SourceSchemaVerifier.VerifyAsync(tenant.Mapping, source, cancellationToken);
        var starts = await watermarks.PlanAsync(tenant, source, fullResync, cancellationToken);

        await using var sink = sinks.Open(tenant, runId, IncrementalTypes(tenant.Mapping, starts));
        var counts = new List<ResourceSyncCount>(tenant.Mapping.Resources.Count);
        var advanceAtEnd = new List<Func<Task>>();
        for (var i = 0; i < tenant.Mapping.Resources.Count; i++)
        {
            var mapper = tenant.Mapping.Resources[i];
            var count = await SyncSourceAsync(tenant, runId, source, mapper, starts[i], sink, advanceAtEnd, cancellationToken);
            counts.Add(count);
            Log.SourceSynced(logger, tenant.TenantId.Value, runId, mapper.Table, mapper.ResourceType, count.RowsRead, count.ResourcesWritten, count.RowsRejected);
        }

        await sink.CompleteAsync(cancellationToken);
        foreach (var advance in advanceAtEnd) await advance();
        return new SyncRunResult(sink.Kind, sink.Location, counts);
    }

    /// <summary>Types whose every source resumes after a watermark: the sink merges them into what it holds instead of replacing it.</summary>
    private static HashSet<string> IncrementalTypes(CompiledMapping mapping, IReadOnlyList<SourceStart> starts)
    {
        var sources = mapping.Resources.Zip(starts);
        return [.. sources.Where(s => s.Second.Incremental).Select(s => s.First.ResourceType)
            .Except(sources.Where(s => !s.Second.Incremental).Select(s => s.First.ResourceType))];
    }

    private async Task<ResourceSyncCount> SyncSourceAsync(TenantContext tenant, Guid runId, ISourceConnections source, CompiledResourceMapper mapper,
        SourceStart start, IResourceSink sink, List<Func<Task>> advanceAtEnd, CancellationToken cancellationToken)
    {
        long read = 0, written = 0, rejected = 0;
        object?[]? last = null;
        await foreach (var page in KeysetPageReader.ReadAsync(source, mapper, start.Order, start.After, extraction.Value.PageSize, cancellationToken))
        {
            var resources = page.MapRows(mapper, rejection =>
            {
                rejected++;
                Log.RowRejected(logger, tenant.TenantId.Value, runId, rejection.Table, rejection.Key, rejection.Rule);
            });

            await sink.WriteAsync(mapper.ResourceType, resources, cancellationToken);
            read += page.Rows.Count;
            written += resources.Count;
            last = page.LastPosition;
            if (start.Tracked && sink.AcknowledgesEachPage)
                await watermarks.AdvanceAsync(tenant, mapper, last, start.PreviousSourceRows, runId, cancellationToken);
        }

        if (start.Tracked && last is not null)
        {
            // The row count lets the next run tell a truncated table from one with nothing new.
            var sourceRows = await SourceState.CountRowsAsync(source, mapper, cancellationToken);
            var position = last;
            if (sink.AcknowledgesEachPage) await watermarks.AdvanceAsync(tenant, mapper, position, sourceRows, runId, cancellationToken);
            else advanceAtEnd.Add(() => watermarks.AdvanceAsync(tenant, mapper, position, sourceRows, runId, cancellationToken));
        }

        return new ResourceSyncCount
        {
            ResourceType = mapper.ResourceType,
            SourceTable = mapper.Table,
            RowsRead = read,
            ResourcesWritten = written,
            RowsRejected = rejected,
        };
    }
}
