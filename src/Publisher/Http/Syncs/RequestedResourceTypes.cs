using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Mappings;

namespace FhirSync.Publisher.Http.Syncs;

/// <summary>Checks the resource types a request names against what the tenant's registered mapping produces.</summary>
internal static class RequestedResourceTypes
{
    private const int MaxTypes = 64;

    /// <returns>The types, each once, in the order asked (null: every mapped type), or the detail of a 400 problem.</returns>
    public static (IReadOnlyList<string>? Types, string? Problem) Check(IReadOnlyList<string>? requested, TenantRegistration tenant)
    {
        if (requested is null) return (null, null);
        if (requested.Count == 0) return (null, "resourceTypes is empty; leave it out to sync every mapped type");
        if (requested.Count > MaxTypes) return (null, $"resourceTypes names more than {MaxTypes} types");

        var mapped = TenantMappingLoader.CompileRegistered(tenant).Resources.Select(mapper => mapper.ResourceType).ToHashSet(StringComparer.Ordinal);
        foreach (var type in requested)
        {
            if (type is null || !mapped.Contains(type))
                return (null, $"resource type '{Printable(type)}' is not mapped for tenant {tenant.TenantId.Value}");
        }

        return ([.. requested.Distinct(StringComparer.Ordinal)], null);
    }

    /// <summary>A name the caller wrote, safe to echo: at most 64 ASCII letters and digits, anything else as '?'.</summary>
    private static string Printable(string? text) =>
        text is null ? "(null)" : new string([.. text.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '?')]);
}
