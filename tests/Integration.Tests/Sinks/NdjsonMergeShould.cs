using System.Text;
using FhirSync.Worker.Sinks.Ndjson;

namespace FhirSync.Integration.Tests.Sinks;

/// <summary>The byte-level merge of a run's staged lines into the published file, on real files in a temporary folder.</summary>
public sealed class NdjsonMergeShould : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ndjson-merge-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReplaceUpdatedLinesInPlaceDropDeletedOnesAndAppendNewOnesKeepingOtherLinesByteForByte()
    {
        // A line longer than the reader's 1 MiB buffer, one with its id after other members, CRLF endings and no final newline.
        var longText = new string('x', 3 << 20);
        var published = Write("published.ndjson",
            $"{{\"resourceType\":\"Patient\",\"id\":\"a\",\"text\":{{\"div\":\"{longText}\"}}}}\r\n" +
            "{\"resourceType\":\"Patient\",\"meta\":{\"id\":\"not-this\"},\"id\":\"b\",\"active\":false}\n" +
            "\n" +
            "{\"resourceType\":\"Patient\",\"id\":\"c\"}");
        var staged = Write("staged.ndjson",
            "{\"resourceType\":\"Patient\",\"id\":\"d\"}\n" +
            "{\"resourceType\":\"Patient\",\"id\":\"b\",\"active\":true}\n");

        await NdjsonMerge.IntoStagedAsync(published, staged, new HashSet<string> { "c" }, CancellationToken.None);

        var lines = (await File.ReadAllTextAsync(staged)).Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal($"{{\"resourceType\":\"Patient\",\"id\":\"a\",\"text\":{{\"div\":\"{longText}\"}}}}", lines[0]);
        Assert.Equal("{\"resourceType\":\"Patient\",\"id\":\"b\",\"active\":true}", lines[1]);
        Assert.Equal("{\"resourceType\":\"Patient\",\"id\":\"d\"}", lines[2]);
        Assert.Equal("", lines[3]); // every line ends with a newline
        Assert.False(File.Exists(staged + ".merged"));
    }

    [Fact]
    public async Task RefuseALineWithoutAResourceId()
    {
        var published = Write("published.ndjson", "{\"resourceType\":\"Patient\",\"meta\":{\"id\":\"x\"}}\n");
        var staged = Write("staged.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => NdjsonMerge.IntoStagedAsync(published, staged, new HashSet<string>(), CancellationToken.None));

        Assert.Equal("an NDJSON line has no resource id", refused.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }
}
