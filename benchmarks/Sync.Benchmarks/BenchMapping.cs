using System.Text;
using System.Text.Json.Nodes;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Documents;
using FhirSync.Mapping.Identity;

namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// hospital-a's shipped mapping (demo/mappings/hospital-a.json) cut down to the resources whose tables the benchmark
/// fills: Organization, Patient and Observation, with their elements as shipped except references to the types left
/// out (Observation.encounter), which a document may not hold.
/// </summary>
internal static class BenchMapping
{
    public static readonly string[] ResourceTypes = ["Organization", "Patient", "Observation"];

    public static string Document(string demoMappingPath)
    {
        var document = JsonNode.Parse(File.ReadAllText(demoMappingPath))!.AsObject();
        var kept = new JsonArray();
        foreach (var resource in document["resources"]!.AsArray())
        {
            if (!ResourceTypes.Contains((string?)resource!["resourceType"])) continue;
            var copy = resource.DeepClone();
            var elements = copy["elements"]!.AsArray();
            foreach (var element in elements.Where(element => element?["reference"]?["resourceType"] is { } target && !ResourceTypes.Contains((string?)target)).ToList())
                elements.Remove(element);
            kept.Add(copy);
        }

        document["resources"] = kept;
        return document.ToJsonString();
    }

    /// <summary>The engine's compiled mapper for one resource type, as the worker builds it for <paramref name="tenantId"/>.</summary>
    public static CompiledResourceMapper Compiled(string document, string tenantId, string resourceType)
    {
        var identity = new TenantResourceIdentity(tenantId, Encoding.UTF8.GetBytes($"bench-salt-of-{tenantId}-0123456789"));
        var compiled = MappingCompiler.Compile(MappingDocumentReader.Read(document, tenantId), tenantId, identity);
        return compiled.Resources.Single(resource => resource.ResourceType == resourceType);
    }
}
