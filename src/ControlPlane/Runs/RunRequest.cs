using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Runs;

/// <summary>
/// What a requester asked of one tenant. <paramref name="ResourceTypes"/> null means every mapped type.
/// </summary>
public sealed record RunRequest(Guid RunId, TenantId TenantId, string Kind, string Origin, bool FullResync, IReadOnlyList<string>? ResourceTypes,
    DateTimeOffset RequestedAt)
{
    /// <summary>One run that does what both asked: a full resync if either was, every type either named.</summary>
    public RunRequest MergedWith(RunRequest other) => this with
    {
        FullResync = FullResync || other.FullResync,
        ResourceTypes = ResourceTypes is null || other.ResourceTypes is null
            ? null
            : [.. ResourceTypes.Union(other.ResourceTypes, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
    };

    internal string? ResourceTypesColumn => ResourceTypes is null ? null : string.Join(',', ResourceTypes);

    internal static IReadOnlyList<string>? ParseResourceTypes(string? column) =>
        column is null ? null : column.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
