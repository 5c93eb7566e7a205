using System.Text;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;

namespace FhirSync.Mapping.Tests;

/// <summary>The demo tenants' mapping documents, as shipped in demo/mappings, compiled for tests.</summary>
internal static class DemoMappings
{
    public static TenantResourceIdentity IdentityFor(string tenantId) => new(tenantId, Encoding.UTF8.GetBytes($"test-salt-of-{tenantId}-0123456789"));

    public static CompiledMapping Compile(string tenantId)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DemoMappings", $"{tenantId}.json"));
        return MappingCompiler.Compile(json, tenantId, IdentityFor(tenantId));
    }

    public static CompiledResourceMapper Mapper(this CompiledMapping mapping, string resourceType) =>
        mapping.Resources.Single(resource => resource.ResourceType == resourceType);

    /// <summary>A row in the mapper's select order, from column values by name.</summary>
    public static object?[] Row(this CompiledResourceMapper mapper, IReadOnlyDictionary<string, object?> values) =>
        mapper.SelectColumns.Select(column => values.TryGetValue(column, out var value) ? value : DBNull.Value).ToArray();

    public static object?[] Row(this CompiledChildMapper mapper, IReadOnlyDictionary<string, object?> values) =>
        mapper.SelectColumns.Select(column => values.TryGetValue(column, out var value) ? value : DBNull.Value).ToArray();
}
