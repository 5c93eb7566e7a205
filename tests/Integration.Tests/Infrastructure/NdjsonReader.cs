using System.Text.Json;
using FhirSync.Worker.Sinks;
using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Infrastructure;

internal static class NdjsonReader
{
    public static IReadOnlyList<T> Read<T>(string folder) where T : Resource =>
        File.ReadLines(Path.Combine(folder, $"{ModelInfo.GetFhirTypeNameForType(typeof(T))}.ndjson"))
            .Select(line => JsonSerializer.Deserialize<T>(line, FhirJson.Options)!)
            .ToList();
}
