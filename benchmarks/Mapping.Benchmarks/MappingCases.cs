using System.Diagnostics;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>
/// The cases per resource type: compiled mapper, hand-written mapper, the hand-written mapper followed by the Firely
/// validation the engine runs on each resource, and Firely JSON serialization for context.
/// </summary>
internal static class MappingCases
{
    public const string Compiled = "compiled mapper";
    public const string HandWritten = "hand-written mapper";
    public const string HandWrittenValidated = "hand-written + validation";
    public const string Serialization = "JSON serialization";

    private const int PageSize = 1_000;

    public static IEnumerable<BenchmarkCase> For(string resourceType, object?[][] rows, Func<object?[], Resource> compiled,
        Func<object?[], Resource> handWritten, JsonSerializerOptions fhirJson) =>
    [
        new(resourceType, Compiled, rows.Length, () => Harness.TimeEach(rows, row => compiled(row).Id?.Length ?? 0)),
        new(resourceType, HandWritten, rows.Length, () => Harness.TimeEach(rows, row => handWritten(row).Id?.Length ?? 0)),
        new(resourceType, HandWrittenValidated, rows.Length, () => Harness.TimeEach(rows, row => FirelyValidation.Validated(handWritten(row)).Id?.Length ?? 0)),
        new(resourceType, Serialization, rows.Length, () => Serialize(rows, handWritten, fhirJson)),
    ];

    /// <summary>
    /// Serializes every row's resource as the NDJSON sink does, one UTF-8 document each. Resources are built a page at
    /// a time outside the timed part (as the worker does), so only serialization is timed and counted.
    /// </summary>
    private static RunResult Serialize(object?[][] rows, Func<object?[], Resource> map, JsonSerializerOptions fhirJson)
    {
        var page = new Resource[PageSize];
        var stopwatch = new Stopwatch();
        long checksum = 0, allocated = 0;
        var cpu = TimeSpan.Zero;
        for (var start = 0; start < rows.Length; start += PageSize)
        {
            var count = Math.Min(PageSize, rows.Length - start);
            for (var i = 0; i < count; i++) page[i] = map(rows[start + i]);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            stopwatch.Start();
            for (var i = 0; i < count; i++) checksum += JsonSerializer.SerializeToUtf8Bytes(page[i], page[i].GetType(), fhirJson).Length;
            stopwatch.Stop();
            cpu += Environment.CpuUsage.TotalTime - cpuBefore;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return new RunResult(stopwatch.Elapsed, cpu, allocated, checksum);
    }
}
