using FhirSync.Mapping;
using FhirSync.Mapping.Compilation;
using Resource = Hl7.Fhir.Model.Resource;

namespace FhirSync.Extraction;

/// <summary>One keyset page of a source table, with each mapped child table's rows grouped by parent key.</summary>
public sealed class SourcePage(IReadOnlyList<object?[]> rows, IReadOnlyList<ILookup<string, object?[]>> childRows, object?[] lastPosition)
{
    private static readonly IReadOnlyList<IReadOnlyList<object?[]>> NoChildren = [];

    public IReadOnlyList<object?[]> Rows { get; } = rows;

    /// <summary>The position of the page's last row in the read order: where the next page, or the next run, resumes.</summary>
    public object?[] LastPosition { get; } = lastPosition;

    /// <summary>
    /// Maps every row of the page with its child rows. A row the mapper rejects is handed to
    /// <paramref name="onRejected"/> (table, key and rule, never values) and skipped; the rest of the page goes on.
    /// </summary>
    public List<Resource> MapRows(CompiledResourceMapper mapper, Action<RowMappingException> onRejected)
    {
        var resources = new List<Resource>(Rows.Count);
        foreach (var row in Rows)
        {
            try
            {
                resources.Add(mapper.Map(row, mapper.Children.Count == 0 ? null : ChildRowsFor(mapper.KeyOf(row))).Resource);
            }
            catch (RowMappingException rejection)
            {
                onRejected(rejection);
            }
        }

        return resources;
    }

    /// <summary>
    /// What a row of the page becomes: its resource, a delete when the mapping's soft delete marks the row deleted
    /// (the row is not mapped then, so a deleted row with values the mapping refuses is still deleted), or its rejection.
    /// </summary>
    /// <remarks>Safe to call for different rows at once.</remarks>
    public RowOutcome OutcomeOf(CompiledResourceMapper mapper, object?[] row)
    {
        var key = mapper.KeyOf(row);
        var softDeleted = mapper.SoftDelete?.IsDeleted(row) ?? false;
        if (mapper.DeletesResourceOf(row)) return new RowOutcome(key, mapper.ResourceIdOf(key), null, null, SoftDeleted: true);
        try
        {
            var resource = mapper.Map(row, mapper.Children.Count == 0 ? null : ChildRowsFor(key)).Resource;
            return new RowOutcome(key, resource.Id ?? mapper.ResourceIdOf(key), resource, null, softDeleted); // the mapper gave it its id: hashed once
        }
        catch (RowMappingException rejection)
        {
            return new RowOutcome(key, mapper.ResourceIdOf(key), null, rejection, softDeleted);
        }
    }

    public IReadOnlyList<IReadOnlyList<object?[]>> ChildRowsFor(string parentKey) =>
        childRows.Count == 0 ? NoChildren : childRows.Select(lookup => (IReadOnlyList<object?[]>)lookup[parentKey].ToList()).ToList();
}
