using System.Text.Json;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>
/// Folds what a run staged into the file the tenant's folder holds, by resource id: an updated resource keeps its
/// line's place, a new one is appended, a deleted one is dropped, the rest stay as they were. A run that read its type
/// in full passes no published file: its staged file is the whole truth, less what it deleted.
/// Lines are handled as the bytes they are: an incremental run copies the published file, however large, line by line
/// without decoding it, and reads of each line only as far as its <c>id</c>.
/// </summary>
internal static class NdjsonMerge
{
    public static async Task IntoStagedAsync(string? publishedFile, string stagedFile, IReadOnlySet<string> deletedIds, CancellationToken cancellationToken)
    {
        var published = publishedFile is not null && File.Exists(publishedFile);
        if (!published && deletedIds.Count == 0) return;

        var staged = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var stagedOrder = new List<string>();
        await NdjsonLines.ForEachAsync(stagedFile, line =>
        {
            var id = IdOf(line);
            if (deletedIds.Contains(id)) return;
            if (!staged.ContainsKey(id)) stagedOrder.Add(id);
            staged[id] = line.ToArray();
        }, cancellationToken);

        var merged = $"{stagedFile}.merged";
        await using (var output = new FileStream(merged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (published)
            {
                await NdjsonLines.ForEachAsync(publishedFile!, line =>
                {
                    var id = IdOf(line);
                    if (staged.Remove(id, out var replacement)) WriteLine(output, replacement);
                    else if (!deletedIds.Contains(id)) WriteLine(output, line);
                }, cancellationToken);
            }

            foreach (var id in stagedOrder)
            {
                if (staged.TryGetValue(id, out var line)) WriteLine(output, line);
            }
        }

        File.Move(merged, stagedFile, overwrite: true);
    }

    private static void WriteLine(FileStream output, ReadOnlySpan<byte> line)
    {
        output.Write(line);
        output.WriteByte((byte)'\n');
    }

    /// <summary>The resource's top-level <c>id</c>, read token by token up to it (Firely writes it second, after resourceType).</summary>
    internal static string IdOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (!reader.Read()) break;
                if (isId && reader.TokenType == JsonTokenType.String) return reader.GetString()!;
                reader.Skip();
            }
        }

        throw new InvalidDataException("an NDJSON line has no resource id");
    }
}
