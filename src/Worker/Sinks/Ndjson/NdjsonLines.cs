using System.Buffers;

namespace FhirSync.Worker.Sinks.Ndjson;

/// <summary>Reads an NDJSON file line by line as UTF-8 bytes from one pooled buffer, skipping empty lines.</summary>
internal static class NdjsonLines
{
    public delegate void LineAction(ReadOnlySpan<byte> line);

    public static async Task ForEachAsync(string path, LineAction onLine, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: true);
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) buffer = Grow(buffer, filled); // one line longer than the buffer
                var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                var end = filled + read;
                var consumed = EachCompleteLine(buffer.AsSpan(0, end), onLine, final: read == 0);
                filled = end - consumed;
                buffer.AsSpan(consumed, filled).CopyTo(buffer);
                if (read == 0) return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int EachCompleteLine(ReadOnlySpan<byte> data, LineAction onLine, bool final)
    {
        var consumed = 0;
        while (true)
        {
            var rest = data[consumed..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (final && !rest.Trim(" \r"u8).IsEmpty) onLine(rest.TrimEnd((byte)'\r'));
                return final ? data.Length : consumed;
            }

            var line = rest[..newline].TrimEnd((byte)'\r');
            if (!line.Trim((byte)' ').IsEmpty) onLine(line);
            consumed += newline + 1;
        }
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
