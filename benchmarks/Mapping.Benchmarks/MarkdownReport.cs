using System.Globalization;
using System.Text;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>Writes the "Mapping engine" section of the benchmarks document, leaving any other section as it is.</summary>
internal static class MarkdownReport
{
    private const string Heading = "## Mapping engine";

    private const string Intro =
        "# Benchmarks\n\n" +
        "The figures below are produced by the commands in `scripts/` (each section names its command, the machine and the " +
        "date), which rewrite their own section when run. They describe one machine at one time, for people comparing " +
        "changes; they are never asserted in tests, and no test or CI run produces them.\n";

    /// <summary>Run conditions that are not options: the machine, its load and how many rows were checked.</summary>
    public sealed record Context(MachineInfo Machine, string LoadBefore, string LoadAfter, int RowsCompared);

    public static void Write(BenchmarkOptions options, Context context, IReadOnlyList<CaseResult> results)
    {
        var path = options.OutputPath;
        var document = File.Exists(path) ? File.ReadAllText(path) : Intro;
        var section = Section(options, context, results);
        var start = document.IndexOf(Heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            document = document.TrimEnd('\n') + "\n\n" + section;
        }
        else
        {
            var next = document.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            document = document[..start] + section + (next < 0 ? "" : "\n" + document[(next + 1)..]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, document);
    }

    /// <summary>Median rows/s of case <paramref name="name"/> over that of <paramref name="baseline"/>, for one resource type.</summary>
    public static double Ratio(IReadOnlyList<CaseResult> results, string resourceType, string name, string baseline) =>
        Find(results, resourceType, name).MedianRowsPerSecond / Find(results, resourceType, baseline).MedianRowsPerSecond;

    public static string Table(IReadOnlyList<CaseResult> results)
    {
        var table = new StringBuilder()
            .Append("| resource | case | rows/s median | rows/s min | rows/s max | µs/resource, median | CPU µs/resource, median | bytes allocated/resource | vs hand-written |\n")
            .Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var result in results)
        {
            var relative = Ratio(results, result.Case.ResourceType, result.Case.Name, MappingCases.HandWritten);
            table.Append(CultureInfo.InvariantCulture,
                $"| {result.Case.ResourceType} | {result.Case.Name} | {result.MedianRowsPerSecond:N0} | {result.MinRowsPerSecond:N0} | {result.MaxRowsPerSecond:N0} " +
                $"| {1e6 / result.MedianRowsPerSecond:F2} | {result.CpuMicrosecondsPerResource:F2} | {result.BytesPerResource:N0} | {relative:F2} |\n");
        }

        return table.ToString();
    }

    /// <summary>The headline: compiled over hand-written per resource type, plain and with validation on both sides.</summary>
    public static string Ratios(IReadOnlyList<CaseResult> results)
    {
        var types = results.Select(result => result.Case.ResourceType).Distinct().ToList();
        string Line(string baseline) => string.Join(", ", types.Select(type =>
            string.Create(CultureInfo.InvariantCulture, $"{type} **{Ratio(results, type, MappingCases.Compiled, baseline):F2}**")));
        return $"Compiled / hand-written, median rows/s: {Line(MappingCases.HandWritten)} (the target is at least 0.50). " +
               $"Compiled / hand-written + validation: {Line(MappingCases.HandWrittenValidated)}.\n";
    }

    private static string Section(BenchmarkOptions options, Context context, IReadOnlyList<CaseResult> results)
    {
        var machine = context.Machine;
        var text = new StringBuilder();
        text.Append(Heading).Append("\n\n")
            .Append("The compiled mapper (`MappingCompiler` output for `demo/mappings/hospital-a.json`, which validates every resource: ")
            .Append("Firely's full POCO validation on the first resource of each shape, that is each combination of written elements, ")
            .Append("and Firely's literal rules on every value as it is converted) against a hand-written mapper that builds the same Firely POCOs with direct property ")
            .Append("assignments (same ids through `TenantResourceIdentity`, same identifier, name, telecom, reference, quantity); the same ")
            .Append("hand-written mapper followed by Firely's full validation of every resource; and, for context, Firely System.Text.Json serialization ")
            .Append("of the same resources (`new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector)`, one UTF-8 document per resource, ")
            .Append(CultureInfo.InvariantCulture, $"as the NDJSON sink writes). Before timing, {context.RowsCompared:N0} sampled rows were mapped by both ")
            .Append("mappers and gave byte-identical JSON. Rows are generated in memory, in each mapper's select order, with values typed ")
            .Append("as MySqlConnector returns them (int, long, string, DateTime, decimal, DBNull); no database, network or disk is involved. ")
            .Append("CPU time is the whole process's (GC threads included) during a pass; allocated bytes are ")
            .Append("`GC.GetAllocatedBytesForCurrentThread` over a pass divided by its rows (for serialization they include the output bytes).\n\n")
            .Append(CultureInfo.InvariantCulture, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .Append(options.Revision is null ? "" : $", source revision {options.Revision}").Append('\n')
            .Append(CultureInfo.InvariantCulture, $"- Machine: {machine.Processors} processors (nproc), {machine.CpuModel}, {machine.OperatingSystem}; ")
            .Append(CultureInfo.InvariantCulture, $"load average {context.LoadBefore} before, {context.LoadAfter} after\n")
            .Append(CultureInfo.InvariantCulture, $"- Runtime: {machine.Runtime}, {machine.GarbageCollector}, {machine.Configuration} build\n")
            .Append(CultureInfo.InvariantCulture, $"- Rows: {options.PatientRows:N0} Patient, {options.ObservationRows:N0} Observation; one warm-up pass, ")
            .Append(CultureInfo.InvariantCulture, $"then {options.Runs} measured runs per case, interleaved; median, min and max over those runs\n")
            .Append(CultureInfo.InvariantCulture, $"- Command: `{options.Command}`\n\n")
            .Append(Table(results))
            .Append('\n').Append(Ratios(results));
        return text.ToString();
    }

    private static CaseResult Find(IReadOnlyList<CaseResult> results, string resourceType, string name) =>
        results.Single(result => result.Case.ResourceType == resourceType && result.Case.Name == name);
}
