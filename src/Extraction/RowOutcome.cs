using FhirSync.Mapping;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirSync.Extraction;

/// <summary>What one source row becomes in a run: a resource to write, a delete of its resource (soft-deleted row), or a rejection.</summary>
/// <param name="Key">The row's key, as in identifiers.</param>
/// <param name="ResourceId">The id of the row's resource.</param>
/// <param name="Resource">The resource to write; null for a delete or a rejection.</param>
/// <param name="Rejection">Why the mapper refused the row (table, key, rule; never values); null otherwise.</param>
/// <param name="SoftDeleted">The row is marked deleted: its resource is deleted, or written with the mapping's status element.</param>
public sealed record RowOutcome(string Key, string ResourceId, Resource? Resource, RowMappingException? Rejection, bool SoftDeleted)
{
    public bool IsDelete => Resource is null && Rejection is null;
}
