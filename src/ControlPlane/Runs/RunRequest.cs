using FhirSync.ControlPlane.Tenants;
using MySqlConnector;

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

    internal void AddParametersTo(MySqlCommand command)
    {
        command.Parameters.AddWithValue("@run", RunId);
        command.Parameters.AddWithValue("@tenant", TenantId.Value);
        command.Parameters.AddWithValue("@kind", Kind);
        command.Parameters.AddWithValue("@origin", Origin.Length <= 64 ? Origin : Origin[..64]);
        command.Parameters.AddWithValue("@full", FullResync);
        command.Parameters.AddWithValue("@types", ResourceTypesColumn);
        command.Parameters.AddWithValue("@requested", RequestedAt.UtcDateTime);
    }

    internal string? ResourceTypesColumn => ResourceTypes is null ? null : string.Join(',', ResourceTypes);

    internal static IReadOnlyList<string>? ParseResourceTypes(string? column) =>
        column is null ? null : column.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
