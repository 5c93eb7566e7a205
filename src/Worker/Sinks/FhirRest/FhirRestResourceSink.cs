using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace FhirSync.Worker.Sinks.FhirRest;

/// <summary>
/// Writes to the tenant's FHIR base as transaction bundles of <c>PUT {Type}/{id}</c> and <c>DELETE {Type}/{id}</c>.
/// Ids are deterministic, so a redelivered page rewrites the same resources. A transaction is all-or-nothing: one the
/// store refuses for its content is split in halves until the resources it refuses are alone; those are reported,
/// the rest is written. A page is acknowledged only when each of its entries was written or reported.
/// </summary>
internal sealed class FhirRestResourceSink(FhirStoreClient store, int bundleSize) : IResourceSink
{
    public string Kind => "fhir";

    public string Location => store.BaseUrl.ToString();

    public bool AcknowledgesEachPage => true;

    /// <summary>
    /// Transactions of one page in flight at once: while the store works on one, the next is built and serialized, so
    /// worker and store stop taking turns. A page's resources have distinct ids, so their order does not matter.
    /// </summary>
    private const int BundlesInFlight = 2;

    private long _bytesSent;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public async Task<IReadOnlyList<SinkRejection>> WriteAsync(string resourceType, IReadOnlyList<SinkEntry> entries, CancellationToken cancellationToken)
    {
        var rejections = new List<SinkRejection>();
        await Parallel.ForEachAsync(entries.Chunk(bundleSize), new ParallelOptions { MaxDegreeOfParallelism = BundlesInFlight, CancellationToken = cancellationToken },
            (chunk, token) => new ValueTask(WriteIsolatingAsync(resourceType, chunk, rejections, token)));
        return rejections;
    }

    public IAsyncEnumerable<HeldResource> HeldAsync(string resourceType, string identifierSystem, CancellationToken cancellationToken) =>
        FhirHeldResources.SearchAsync(store, resourceType, identifierSystem, cancellationToken);

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task WriteIsolatingAsync(string resourceType, ArraySegment<SinkEntry> entries, List<SinkRejection> rejections, CancellationToken cancellationToken)
    {
        if (await PostTransactionAsync(resourceType, entries, cancellationToken) is not { } refusal) return;
        if (entries.Count > 1)
        {
            var half = entries.Count / 2;
            await WriteIsolatingAsync(resourceType, entries[..half], rejections, cancellationToken);
            await WriteIsolatingAsync(resourceType, entries[half..], rejections, cancellationToken);
            return;
        }

        var entry = entries[0];
        // Deleting what the store does not hold leaves it as wanted: a delete is idempotent.
        if (entry.IsDelete && refusal.StatusCode is 404 or 410) return;
        // A single PUT by id that finds no endpoint says the address or the type is wrong, not the resource: that is no row's fault.
        if (!entry.IsDelete && refusal.StatusCode is 404 or 405)
            throw new SinkRejectedException(store.TenantId, refusal.StatusCode, $"PUT {resourceType}/{{id}} has no endpoint ({refusal.IssueCodes}): check the tenant's baseUrl", transient: false);
        lock (rejections) rejections.Add(refusal);
    }

    /// <summary>Null when the store wrote every entry; the refusal when it refused the transaction for its content.</summary>
    private async Task<SinkRejection?> PostTransactionAsync(string resourceType, ArraySegment<SinkEntry> entries, CancellationToken cancellationToken)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        var baseText = store.BaseUrl.ToString().TrimEnd('/');
        foreach (var entry in entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseText}/{resourceType}/{entry.Id}",
                Resource = entry.Resource,
                Request = new Bundle.RequestComponent { Method = entry.IsDelete ? Bundle.HTTPVerb.DELETE : Bundle.HTTPVerb.PUT, Url = $"{resourceType}/{entry.Id}" },
            });
        }

        var transaction = FhirJson.SerializeToUtf8(bundle);
        Interlocked.Add(ref _bytesSent, transaction.Length);
        using var response = await store.SendAsync(HttpMethod.Post, store.BaseUrl, transaction, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            if (!FhirStoreClient.RefusesContent(response.StatusCode)) throw await store.FailureAsync(response, $"transaction of {entries.Count} resources", cancellationToken);
            return new SinkRejection(entries[0].Id, (int)response.StatusCode, await store.RefusalAsync(response, cancellationToken));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return FailedEntry(document.RootElement, entries[0].Id);
    }

    /// <summary>A store that answers 200 but did not accept every entry: the first failed entry's status and issue codes.</summary>
    private static SinkRejection? FailedEntry(JsonElement transactionResponse, string firstId)
    {
        if (!transactionResponse.TryGetProperty("entry", out var entries)) return null;
        foreach (var entry in entries.EnumerateArray())
        {
            var status = entry.TryGetProperty("response", out var response) && response.TryGetProperty("status", out var text) ? text.GetString() ?? string.Empty : string.Empty;
            if (status.StartsWith('2')) continue;
            var code = int.TryParse(status.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (int)HttpStatusCode.BadRequest;
            var outcome = response.ValueKind == JsonValueKind.Object && response.TryGetProperty("outcome", out var found) ? found : default;
            return new SinkRejection(firstId, code, FhirStoreClient.IssueCodes(outcome));
        }

        return null;
    }
}
