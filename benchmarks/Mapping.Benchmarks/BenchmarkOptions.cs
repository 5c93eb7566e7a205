using System.Globalization;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>Command-line arguments: where the report goes, how many rows, how many measured runs.</summary>
internal sealed record BenchmarkOptions(string OutputPath, int PatientRows, int ObservationRows, int Runs, string Command, string? Revision)
{
    public const string Usage =
        "usage: FhirSync.Mapping.Benchmarks --output PATH [--patients N] [--observations N] [--runs N] [--command TEXT] [--revision TEXT]\n" +
        "  --output        markdown file whose 'Mapping engine' section is (re)written\n" +
        "  --patients      Patient rows (default 200000)\n" +
        "  --observations  Observation rows (default 400000)\n" +
        "  --runs          measured runs per case, at least 5 (default 5)\n" +
        "  --command       the command to record in the report (default: this program's command line)\n" +
        "  --revision      the source revision measured, recorded in the report";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the usage on a bad argument.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null;
        string? command = null, revision = null;
        int patients = 200_000, observations = 400_000, runs = 5;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw Bad($"{name} needs a value");
            switch (name)
            {
                case "--output": output = value; break;
                case "--patients": patients = Positive(name, value); break;
                case "--observations": observations = Positive(name, value); break;
                case "--runs": runs = Positive(name, value); break;
                case "--command": command = value; break;
                case "--revision": revision = value; break;
                default: throw Bad($"unknown argument '{name}'");
            }
        }

        if (output is null) throw Bad("--output is required");
        if (runs < 5) throw Bad("--runs must be at least 5 (the report gives a median)");
        command ??= "dotnet " + string.Join(' ', Environment.GetCommandLineArgs());
        return new BenchmarkOptions(output, patients, observations, runs, command, revision);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw Bad($"{name} must be a positive whole number");

    private static ArgumentException Bad(string problem) => new($"{problem}\n{Usage}");
}
