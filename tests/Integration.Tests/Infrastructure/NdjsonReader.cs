using System.Text.Json;
using FhirSync.Worker.Sinks;
using FhirSync.Worker.Sinks.Ndjson;
using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Infrastructure;

internal static class NdjsonReader
{
    /// <summary>The tenant folders in an NDJSON root: every folder but the one where workers keep their run locks.</summary>
    public static IEnumerable<string> TenantFolders(string root) =>
        Directory.GetDirectories(root).Select(folder => Path.GetFileName(folder)).Where(name => name != TenantFolderLock.FolderName);

    public static IReadOnlyList<T> Read<T>(string folder) where T : Resource =>
        File.ReadLines(Path.Combine(folder, $"{ModelInfo.GetFhirTypeNameForType(typeof(T))}.ndjson"))
            .Select(line => JsonSerializer.Deserialize<T>(line, FhirJson.Options)!)
            .ToList();
}
