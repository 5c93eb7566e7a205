using System.Globalization;

namespace FhirSync.Sync.Benchmarks;

/// <summary>Command-line arguments: the data size, the measured runs, where the report goes and what produced it.</summary>
internal sealed record SyncBenchmarkOptions(BenchSizes Sizes, int Runs, string OutputPath, string Command, string? Revision, string WorkDirectory)
{
    public const string Usage =
        "usage: FhirSync.Sync.Benchmarks --output PATH --work DIR [--rows-scale smoke|small|full] [--runs N] [--command TEXT] [--revision TEXT]\n" +
        "  --rows-scale  full: 1,000,000 patients + 2,000,000 observations; small: 1/100 of that (default); smoke: a tiny check\n" +
        "  --runs        measured runs per figure, at least 3 (default 3)\n" +
        "  --output      markdown file whose 'Sync pipeline' section is (re)written\n" +
        "  --work        folder for NDJSON output, worker logs and the master key of the run\n" +
        "  Services come from FHIRSYNC_TEST_MARIADB and FHIRSYNC_TEST_RABBITMQ (. .fhirsync/services.env).";

    public static SyncBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null, work = null, command = null, revision = null;
        var sizes = BenchSizes.Small;
        var runs = 3;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw Bad($"{name} needs a value");
            switch (name)
            {
                case "--rows-scale": sizes = BenchSizes.Named(value) ?? throw Bad($"unknown --rows-scale '{value}'"); break;
                case "--runs": runs = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 3 ? n : throw Bad("--runs must be a whole number of at least 3"); break;
                case "--output": output = value; break;
                case "--work": work = value; break;
                case "--command": command = value; break;
                case "--revision": revision = value; break;
                default: throw Bad($"unknown argument '{name}'");
            }
        }

        if (output is null || work is null) throw Bad("--output and --work are required");
        return new SyncBenchmarkOptions(sizes, runs, output, command ?? "dotnet " + string.Join(' ', Environment.GetCommandLineArgs()), revision, work);
    }

    private static ArgumentException Bad(string problem) => new($"{problem}\n{Usage}");
}
