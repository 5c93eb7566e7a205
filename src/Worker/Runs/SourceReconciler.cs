using System.Globalization;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.Extraction;
using FhirSync.Worker.Extraction;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Runs;

/// <summary>
/// Holds one mapped source's keys against what the tenant's sink holds for that table (by its identifier system):
/// a held resource whose row is gone from the source, or marked deleted, is deleted; a row whose resource the sink
/// lacks is reported missing, unless it is a known rejection. Memory is 16 bytes per held resource, whatever the
/// width of the keys, and the source is read keys only, page by page.
/// </summary>
internal sealed class SourceReconciler(ReconciliationStore store, IOptions<ExtractionOptions> extraction, ILogger<SourceReconciler> logger)
{
    public async Task ReconcileAsync(TenantContext tenant, Guid runId, ISourceConnections source, IResourceSink sink, SourceTally tally, CancellationToken cancellationToken)
    {
        var mapper = tally.Mapper;
        var held = new HashSet<UInt128>();
        var foreign = 0;
        await foreach (var resource in sink.HeldAsync(mapper.ResourceType, mapper.IdentifierSystem, cancellationToken))
        {
            if (TryParseId(resource.Id, out var id)) held.Add(id);
            else foreign++;
        }

        if (foreign > 0) Log.ForeignResourcesHeld(logger, tenant.TenantId.Value, runId, mapper.ResourceType, mapper.Table, foreign);
        var heldCount = held.Count;

        long sourceRows = 0;
        var absent = new List<(string Key, string Id)>();
        await foreach (var rows in SourceKeys.ReadAsync(source, mapper, extraction.Value.PageSize, cancellationToken))
        {
            foreach (var row in rows)
            {
                sourceRows++;
                if (mapper.DeletesResourceOf(row)) continue; // stays in held: deleted below if the sink still has it
                var key = mapper.KeyOf(row);
                var resourceId = mapper.ResourceIdOf(key);
                if (!held.Remove(UInt128.Parse(resourceId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))) absent.Add((key, resourceId));
            }
        }

        await DeleteGoneAsync(tenant, runId, sink, tally, held, cancellationToken);
        var rejected = absent.Count == 0 ? [] : await store.ResourceIdsAsync(tenant.TenantId, mapper.ResourceType, mapper.Table, LineageState.Rejected, cancellationToken);
        tally.SetMissing([.. absent.Where(row => !rejected.Contains(row.Id))]);
        tally.SourceRows = sourceRows;
        await store.RecordLineageAsync(tenant.TenantId, tally.TakeLineage(), cancellationToken);
        Log.SourceReconciled(logger, tenant.TenantId.Value, runId, mapper.Table, mapper.ResourceType, sourceRows, heldCount, held.Count, tally.Missing ?? 0);
    }

    /// <summary>Deletes what is left of <paramref name="gone"/>; a second pass over the sink picks up their keys for the lineage.</summary>
    private async Task DeleteGoneAsync(TenantContext tenant, Guid runId, IResourceSink sink, SourceTally tally, HashSet<UInt128> gone, CancellationToken cancellationToken)
    {
        if (gone.Count == 0) return;
        var mapper = tally.Mapper;
        var resources = new List<HeldResource>(gone.Count);
        await foreach (var resource in sink.HeldAsync(mapper.ResourceType, mapper.IdentifierSystem, cancellationToken))
        {
            if (TryParseId(resource.Id, out var id) && gone.Contains(id)) resources.Add(resource);
        }

        var refused = (await sink.WriteAsync(mapper.ResourceType, [.. resources.Select(r => SinkEntry.Delete(r.Id))], cancellationToken))
            .ToDictionary(r => r.ResourceId, StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (refused.TryGetValue(resource.Id, out var refusal))
                Log.ResourceRefused(logger, tenant.TenantId.Value, runId, mapper.ResourceType, mapper.Table, resource.SourceKey, refusal.StatusCode, refusal.IssueCodes);
            else tally.AddHardDelete(resource);
        }

        gone.RemoveWhere(id => refused.Keys.Any(r => TryParseId(r, out var refusedId) && refusedId == id));
    }

    /// <summary>FhirSync's ids are 32 lower-case hex digits (a truncated keyed hash); anything else was not made by it.</summary>
    private static bool TryParseId(string id, out UInt128 value) =>
        UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && id.Length == 32;
}
