using FhirSync.Mapping.Documents;
using FhirSync.Mapping.Identity;
using FhirSync.Mapping.Paths;
using FhirSync.Mapping.Validation;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>Maps rows of one source table to one FHIR resource type; compiled once per tenant mapping.</summary>
public sealed class CompiledResourceMapper
{
    private readonly ClassMapping _resourceType;
    private readonly IReadOnlyList<ElementWriter> _writers;
    private readonly TenantResourceIdentity _identity;
    private readonly TimeZoneInfo _timeZone;
    private readonly string _identifierSystem;
    private readonly PropertyAccessor? _identifiers;
    private readonly ValidShapes _validShapes = new();

    internal CompiledResourceMapper(ClassMapping resourceType, string table, IReadOnlyList<string> key, IReadOnlyList<string> changeTracking,
        IReadOnlyList<RowFilter> filter, ColumnSet columns, IReadOnlyList<ElementWriter> writers, IReadOnlyList<CompiledChildMapper> children,
        CompiledSoftDelete? softDelete, TenantResourceIdentity identity, TimeZoneInfo timeZone)
    {
        _resourceType = resourceType;
        Table = table;
        KeyColumns = key;
        ChangeTrackingColumns = changeTracking;
        Filter = filter;
        SelectColumns = columns.Columns;
        _writers = writers;
        Children = children;
        SoftDelete = softDelete;
        _identity = identity;
        _timeZone = timeZone;
        _identifierSystem = identity.IdentifierSystem(table);
        var identifier = resourceType.FindMappedElementByName("identifier");
        _identifiers = identifier is { IsCollection: true, NativeProperty: { } native } ? new PropertyAccessor(native) : null;
    }

    /// <summary>The FHIR resource type produced.</summary>
    public string ResourceType => _resourceType.Name;

    /// <summary>The source table read.</summary>
    public string Table { get; }

    /// <summary>Key columns; they are the first select columns, in this order.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>Change-tracking columns, for incremental sync.</summary>
    public IReadOnlyList<string> ChangeTrackingColumns { get; }

    /// <summary>Conditions every synced row meets; the extraction binds their values as parameters.</summary>
    public IReadOnlyList<RowFilter> Filter { get; }

    /// <summary>Every column the mapper reads, in the order rows must present them.</summary>
    public IReadOnlyList<string> SelectColumns { get; }

    /// <summary>Child tables folded into each resource.</summary>
    public IReadOnlyList<CompiledChildMapper> Children { get; }

    /// <summary>How rows marked deleted in the source are told apart; null when the mapping declares no soft delete.</summary>
    public CompiledSoftDelete? SoftDelete { get; }

    /// <summary>The identifier system of this table's keys: resources carry it with the row's key as value.</summary>
    public string IdentifierSystem => _identifierSystem;

    /// <summary>The id of the resource made from the row with <paramref name="key"/>.</summary>
    public string ResourceIdOf(string key) => _identity.ResourceId(ResourceType, key);

    /// <summary>Whether the row is marked deleted and its resource must be deleted rather than written.</summary>
    public bool DeletesResourceOf(object?[] row) => SoftDelete is { DeletesResource: true } softDelete && softDelete.IsDeleted(row);

    /// <summary>The row's key, formatted as in identifiers and ids.</summary>
    public string KeyOf(object?[] row) => TenantResourceIdentity.FormatKey(row.AsSpan(0, KeyColumns.Count));

    /// <summary>Builds the resource for <paramref name="row"/>; <paramref name="childRows"/> holds, per child mapper, this row's children.</summary>
    /// <exception cref="RowMappingException">The row cannot be mapped; names table, key and rule, never values.</exception>
    public MappedResource Map(object?[] row, IReadOnlyList<IReadOnlyList<object?[]>>? childRows = null)
    {
        var key = KeyOf(row);
        var resource = (Resource)_resourceType.CreateInstance();
        resource.Id = _identity.ResourceId(ResourceType, key);
        ElementWriter? current = null;
        var shape = new ResourceShape(_writers.Count);
        try
        {
            foreach (var writer in _writers)
            {
                current = writer;
                shape.Add(writer.Write(resource, row, _timeZone));
            }

            current = null;
            if (SoftDelete is { DeletesResource: false } status && status.IsDeleted(row)) shape.Add(status.WriteStatus(resource, row, _timeZone));
            for (var i = 0; i < Children.Count; i++)
            {
                shape.BeginChild();
                if (childRows is not null && i < childRows.Count) Children[i].Apply(resource, childRows[i], _timeZone, shape);
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            // Only the engine's own messages are known to be value-free; others may quote the value.
            var reason = ex is MappingValueException ? ex.Message : $"value cannot be converted ({ex.GetType().Name})";
            var where = current is null ? "child rows" : $"element '{current.Path.Text}'";
            throw new RowMappingException(Table, key, $"{where}: {reason}");
        }

        // Appended after the mapped identifiers, so a mapping's identifier[0] stays where the document put it.
        AddSourceIdentifier(resource, key);
        if (_validShapes.IsKnown(shape.Key)) return new MappedResource(key, resource);
        if (OutputValidator.Problems(resource) is { } problems) throw new RowMappingException(Table, key, $"invalid {ResourceType}: {problems}");
        _validShapes.Remember(shape.Key);
        return new MappedResource(key, resource);
    }

    private void AddSourceIdentifier(Resource resource, string key)
    {
        if (_identifiers?.Get(resource) is List<Identifier> identifiers) identifiers.Add(new Identifier(_identifierSystem, key));
    }
}
