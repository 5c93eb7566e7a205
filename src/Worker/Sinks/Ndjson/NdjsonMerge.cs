using System.Text.Json;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// Folds what a run staged into the file the tenant's folder holds, by resource id: an updated resource keeps its
/// line's place, a new one is appended, a deleted one is dropped, the rest stay as they were. A run that read its type
/// in full passes no published file: its staged file is the whole truth, less what it deleted.
/// </summary>
internal static class NdjsonMerge
{
    public static async Task IntoStagedAsync(string? publishedFile, string stagedFile, IReadOnlySet<string> deletedIds, CancellationToken cancellationToken)
    {
        var published = publishedFile is not null && File.Exists(publishedFile);
        if (!published && deletedIds.Count == 0) return;

        var staged = new Dictionary<string, string>(StringComparer.Ordinal);
        var stagedOrder = new List<string>();
        await foreach (var line in File.ReadLinesAsync(stagedFile, cancellationToken))
        {
            var id = IdOf(line);
            if (deletedIds.Contains(id)) continue;
            if (!staged.ContainsKey(id)) stagedOrder.Add(id);
            staged[id] = line;
        }

        var merged = $"{stagedFile}.merged";
        await using (var writer = new StreamWriter(merged) { NewLine = "\n" })
        {
            if (published)
            {
                await foreach (var line in File.ReadLinesAsync(publishedFile!, cancellationToken))
                {
                    var id = IdOf(line);
                    if (staged.Remove(id, out var replacement)) await writer.WriteLineAsync(replacement);
                    else if (!deletedIds.Contains(id)) await writer.WriteLineAsync(line);
                }
            }

            foreach (var id in stagedOrder.Where(staged.ContainsKey)) await writer.WriteLineAsync(staged[id]);
        }

        File.Move(merged, stagedFile, overwrite: true);
    }

    private static string IdOf(string line)
    {
        using var resource = JsonDocument.Parse(line);
        return resource.RootElement.GetProperty("id").GetString() ?? throw new InvalidDataException("an NDJSON line has no resource id");
    }
}
