using System.Text.Json;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// For an incremental run: folds the resources a run staged into the file the tenant's folder already holds, by
/// resource id. An updated resource keeps its line's place, a new one is appended, the rest stay as they were.
/// </summary>
internal static class NdjsonMerge
{
    public static async Task IntoStagedAsync(string publishedFile, string stagedFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(publishedFile)) return;

        var staged = new Dictionary<string, string>(StringComparer.Ordinal);
        var stagedOrder = new List<string>();
        await foreach (var line in File.ReadLinesAsync(stagedFile, cancellationToken))
        {
            var id = IdOf(line);
            if (!staged.ContainsKey(id)) stagedOrder.Add(id);
            staged[id] = line;
        }

        var merged = $"{stagedFile}.merged";
        await using (var writer = new StreamWriter(merged) { NewLine = "\n" })
        {
            await foreach (var line in File.ReadLinesAsync(publishedFile, cancellationToken))
                await writer.WriteLineAsync(staged.Remove(IdOf(line), out var replacement) ? replacement : line);
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
