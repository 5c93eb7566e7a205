using FhirSync.Contracts.V1;
using FhirSync.Mapping.Compilation;
using FhirSync.Extraction;
using FhirSync.Worker.Extraction;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FhirSync.Worker.Tenancy.Pools;

namespace FhirSync.Worker.Runs;

/// <summary>
/// One sync of one tenant: verify the mapped schema, then for each mapped source stream keyset pages, map them and
/// hand each page to the sink, which acknowledges it before the next page is read. Rejected rows are reported by
/// key and skipped; the rest of the page goes on.
/// </summary>
internal sealed class TenantSyncRunner(
    TenantSourcePools pools,
    ResourceSinkFactory sinks,
    IOptions<ExtractionOptions> extraction,
    ILogger<TenantSyncRunner> logger)
{
    public async Task<SyncRunResult> RunAsync(TenantContext tenant, Guid runId, CancellationToken cancellationToken)
    {
        var source = pools.For(tenant);
        await SourceSchemaVerifier.VerifyAsync(tenant.Mapping, source, cancellationToken);

        await using var sink = sinks.Open(tenant, runId);
        var counts = new List<ResourceSyncCount>(tenant.Mapping.Resources.Count);
        foreach (var mapper in tenant.Mapping.Resources)
        {
            var count = await SyncSourceAsync(tenant, runId, source, mapper, sink, cancellationToken);
            counts.Add(count);
            Log.SourceSynced(logger, tenant.TenantId.Value, runId, mapper.Table, mapper.ResourceType, count.RowsRead, count.ResourcesWritten, count.RowsRejected);
        }

        await sink.CompleteAsync(cancellationToken);
        return new SyncRunResult(sink.Kind, sink.Location, counts);
    }

    private async Task<ResourceSyncCount> SyncSourceAsync(TenantContext tenant, Guid runId, ISourceConnections source,
        CompiledResourceMapper mapper, IResourceSink sink, CancellationToken cancellationToken)
    {
        long read = 0, written = 0, rejected = 0;
        await foreach (var page in KeysetPageReader.ReadAsync(source, mapper, extraction.Value.PageSize, cancellationToken))
        {
            var resources = page.MapRows(mapper, rejection =>
            {
                rejected++;
                Log.RowRejected(logger, tenant.TenantId.Value, runId, rejection.Table, rejection.Key, rejection.Rule);
            });

            await sink.WriteAsync(mapper.ResourceType, resources, cancellationToken);
            read += page.Rows.Count;
            written += resources.Count;
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
