using System.Diagnostics;
using System.Text.Json;
using FhirSync.Mapping.Compilation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>What the machine can do without FhirSync's plumbing: one timed pass each.</summary>
internal static class MachineLimits
{
    public static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>
    /// Streams the mapper's own select list in change order over one connection with the tenant's login, reading every
    /// value as the worker does (GetValues into a fresh row); keeps up to <paramref name="keep"/> rows for the in-process limit.
    /// </summary>
    public static async Task<(long Rows, TimeSpan Elapsed, List<object?[]> Kept)> ScanAsync(string connectionString, CompiledResourceMapper mapper, int keep, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", mapper.SelectColumns.Select(column => $"`{column}`"));
        var order = string.Join(", ", mapper.ChangeTrackingColumns.Concat(mapper.KeyColumns).Select(column => $"`{column}`"));
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand($"SELECT {columns} FROM `{mapper.Table}` ORDER BY {order}", connection) { CommandTimeout = 3600 };
        var kept = new List<object?[]>();
        long rows = 0;
        var clock = Stopwatch.StartNew();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                if (kept.Count < keep) kept.Add(row);
                rows++;
            }
        }

        return (rows, clock.Elapsed, kept);
    }

    /// <summary>
    /// Maps and serializes <paramref name="rows"/> with the compiled mapper and Firely's serializer, one UTF-8 document
    /// per resource as the NDJSON sink writes, on every core (the worker may use them all); wall time and this process's CPU time.
    /// </summary>
    public static (TimeSpan Elapsed, TimeSpan Cpu) BuildAndSerialize(CompiledResourceMapper mapper, IReadOnlyList<object?[]> rows)
    {
        var threads = Environment.ProcessorCount;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            long bytes = 0;
            for (var i = part; i < rows.Count; i += threads)
            {
                var resource = mapper.Map(rows[i]).Resource;
                bytes += JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), FhirJson).Length;
            }

            GC.KeepAlive(bytes);
        });
        return (clock.Elapsed, Environment.CpuUsage.TotalTime - cpu);
    }
}
