using FhirSync.Mapping.Identity;
using FhirSync.Mapping.Validation;
using FhirSync.Mapping.Paths;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>Folds the rows of one child table into a repeating element of the parent resource.</summary>
public sealed class CompiledChildMapper
{
    private readonly BoundElementPath _appendPath;
    private readonly IReadOnlyList<ElementWriter> _writers;

    internal CompiledChildMapper(string table, IReadOnlyList<string> parentKey, IReadOnlyList<string> orderBy, ColumnSet columns,
        BoundElementPath appendPath, IReadOnlyList<ElementWriter> writers)
    {
        Table = table;
        ParentKeyColumns = parentKey;
        OrderByColumns = orderBy;
        SelectColumns = columns.Columns;
        _appendPath = appendPath;
        _writers = writers;
    }

    /// <summary>The child table.</summary>
    public string Table { get; }

    /// <summary>Columns holding the parent key; they are the first select columns.</summary>
    public IReadOnlyList<string> ParentKeyColumns { get; }

    /// <summary>Columns that order one parent's child rows.</summary>
    public IReadOnlyList<string> OrderByColumns { get; }

    /// <summary>Columns to select, parent key first.</summary>
    public IReadOnlyList<string> SelectColumns { get; }

    /// <summary>The parent key a child row belongs to, formatted as the parent's key.</summary>
    public string ParentKeyOf(object?[] childRow) => TenantResourceIdentity.FormatKey(childRow.AsSpan(0, ParentKeyColumns.Count));

    internal void Apply(Resource parent, IEnumerable<object?[]> childRows, TimeZoneInfo timeZone, ResourceShape shape)
    {
        foreach (var row in childRows)
        {
            var element = _appendPath.Append(parent, timeZone);
            shape.BeginChildRow();
            foreach (var writer in _writers) shape.Add(writer.Write(element, row, timeZone));
        }
    }
}
