using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using FhirSync.Mapping.Compilation;
using Bundle = Hl7.Fhir.Model.Bundle;

namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// The FHIR test server's own ingest rate: the transaction bundles the FHIR sink sends (50 <c>PUT {Type}/{id}</c>
/// entries with full URLs, Firely JSON), serialized before timing and posted straight to the server, two in flight
/// so the single-threaded server never waits for the client.
/// </summary>
internal static class DirectIngest
{
    public const int BundleSize = 50;

    public static List<byte[]> Bundles(Uri baseUrl, IEnumerable<(CompiledResourceMapper Mapper, IReadOnlyList<object?[]> Rows)> sources)
    {
        var bundles = new List<byte[]>();
        var baseText = baseUrl.ToString().TrimEnd('/');
        foreach (var (mapper, rows) in sources)
        {
            foreach (var chunk in rows.Chunk(BundleSize))
            {
                var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
                foreach (var row in chunk)
                {
                    var resource = mapper.Map(row).Resource;
                    bundle.Entry.Add(new Bundle.EntryComponent
                    {
                        FullUrl = $"{baseText}/{mapper.ResourceType}/{resource.Id}",
                        Resource = resource,
                        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{mapper.ResourceType}/{resource.Id}" },
                    });
                }

                bundles.Add(JsonSerializer.SerializeToUtf8Bytes(bundle, MachineLimits.FhirJson));
            }
        }

        return bundles;
    }

    public static async Task<TimeSpan> PostAsync(HttpClient http, Uri baseUrl, IReadOnlyList<byte[]> bundles, CancellationToken cancellationToken)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var index && index < bundles.Count)
            {
                using var content = new ByteArrayContent(bundles[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
                using var response = await http.PostAsync(baseUrl, content, cancellationToken);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the FHIR test server refused a bundle: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }));
        return clock.Elapsed;
    }
}
