using FhirSync.Mapping.Documents;
using FhirSync.Mapping.Identity;
using FhirSync.Mapping.Paths;
using FhirSync.Mapping.Transforms;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>
/// Checks a mapping document against the Firely model and compiles it for one tenant. Every problem is reported as a
/// <see cref="MappingDefinitionException"/> naming the document, the resource and the path.
/// </summary>
public static class MappingCompiler
{
    /// <summary>Reads a JSON mapping document and compiles it for the tenant whose ids <paramref name="identity"/> makes.</summary>
    /// <exception cref="MappingDefinitionException">The JSON or the document is invalid; names document, resource and path.</exception>
    public static CompiledMapping Compile(string json, string documentName, TenantResourceIdentity identity) =>
        Compile(MappingDocumentReader.Read(json, documentName), documentName, identity);

    /// <summary>Compiles <paramref name="document"/> for the tenant whose ids <paramref name="identity"/> makes.</summary>
    public static CompiledMapping Compile(MappingDocument document, string documentName, TenantResourceIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(identity);
        if (document.FormatVersion != 1)
            throw new MappingDefinitionException(documentName, null, null, $"formatVersion {document.FormatVersion} is not supported (expected 1)");
        if (document.Resources.Count == 0)
            throw new MappingDefinitionException(documentName, null, null, "the document maps no resources");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(document.TimeZone, out var timeZone))
            throw new MappingDefinitionException(documentName, null, null, $"time zone '{document.TimeZone}' is unknown (use an IANA id such as Europe/Madrid)");

        var keyWidths = document.Resources.GroupBy(r => r.ResourceType).ToDictionary(g => g.Key, g => g.First().Key.Count);
        var mappers = document.Resources
            .Select(resource => CompileResource(resource, new Scope(documentName, $"{resource.ResourceType} from {resource.Table}", identity, keyWidths, document.CodeTables)))
            .Select(pending => pending.Build(identity, timeZone))
            .ToList();
        return new CompiledMapping(documentName, mappers);
    }

    private static PendingResource CompileResource(ResourceMapping resource, Scope scope)
    {
        if (ElementPathBinder.Inspector.FindClassMapping(resource.ResourceType) is not { IsResource: true } type || type.IsAbstract == true) throw scope.Error(null, $"'{resource.ResourceType}' is not a FHIR R4 resource type");
        if (resource.Key.Count == 0) throw scope.Error(null, "the key names no column");

        foreach (var filter in resource.Filter) CheckFilter(filter, scope);
        var columns = new ColumnSet();
        columns.AddAll(resource.Key);
        columns.AddAll(resource.ChangeTracking);
        var writers = resource.Elements.Select(element => CompileElement(type, element, columns, scope)).ToList();
        var children = resource.Children.Select(child => CompileChild(type, child, resource.Key.Count, scope)).ToList();
        var softDelete = resource.SoftDelete is { } marker ? CompileSoftDelete(type, marker, resource, columns, scope) : null;
        return new PendingResource(type, resource, columns, writers, children, softDelete);
    }

    /// <summary>
    /// A marker column, its deleted values and what a deleted row becomes. A filter on the marker column is refused: it
    /// would keep deleted rows from ever being read, so their resources would stay in the sink.
    /// </summary>
    private static CompiledSoftDelete CompileSoftDelete(ClassMapping type, SoftDeleteMapping marker, ResourceMapping resource, ColumnSet columns, Scope scope)
    {
        const string where = "softDelete";
        if (string.IsNullOrWhiteSpace(marker.Column)) throw scope.Error(where, "softDelete needs the column that marks a deleted row");
        if (marker.Values.Count == 0) throw scope.Error(where, $"softDelete on '{marker.Column}' needs at least one value that means deleted");
        if (resource.Filter.Any(filter => string.Equals(filter.Column, marker.Column, StringComparison.OrdinalIgnoreCase)))
            throw scope.Error(where, $"a filter on the soft-delete column '{marker.Column}' would hide deleted rows, so their resources would never be deleted: remove the filter");
        var ordinal = columns.Add(marker.Column);
        switch (marker.Action)
        {
            case "delete":
                if (marker.Path is not null || marker.Value is not null) throw scope.Error(where, "action 'delete' takes no path or value (they belong to action 'status')");
                return new CompiledSoftDelete(marker.Column, ordinal, marker.Values, status: null);
            case "status":
                if (marker.Path is null || marker.Value is null) throw scope.Error(where, "action 'status' needs the path of the element to set and its value, e.g. \"path\": \"active\", \"value\": \"false\"");
                var status = CompileElement(type, new ElementMapping { Path = marker.Path, Value = marker.Value }, columns, scope with { Resource = $"{scope.Resource}, softDelete" });
                return new CompiledSoftDelete(marker.Column, ordinal, marker.Values, status);
            default:
                throw scope.Error(where, $"softDelete action '{marker.Action}' is not one of delete, status");
        }
    }

    private static CompiledChildMapper CompileChild(ClassMapping parentType, ChildTableMapping child, int parentKeyWidth, Scope scope)
    {
        var childScope = scope with { Resource = $"{scope.Resource}, child table {child.Table}" };
        if (child.ParentKey.Count != parentKeyWidth)
            throw childScope.Error(null, $"parentKey names {child.ParentKey.Count} columns but the parent key has {parentKeyWidth}");
        var appendPath = ElementPathBinder.TryBind(parentType, child.Path, out var problem) ?? throw childScope.Error(child.Path, problem!);
        if (!appendPath.EndsInCollection || appendPath.LeafType.IsFhirPrimitive)
            throw childScope.Error(child.Path, "a child table must map to a repeating complex element, such as address or telecom");

        var columns = new ColumnSet();
        columns.AddAll(child.ParentKey);
        columns.AddAll(child.OrderBy);
        var writers = child.Elements.Select(element => CompileElement(appendPath.LeafType, element, columns, childScope)).ToList();
        return new CompiledChildMapper(child.Table, child.ParentKey, child.OrderBy, columns, appendPath, writers);
    }

    private static ElementWriter CompileElement(ClassMapping owner, ElementMapping element, ColumnSet columns, Scope scope)
    {
        var sources = (element.Column is null ? 0 : 1) + (element.Columns is null ? 0 : 1) + (element.Value is null ? 0 : 1) + (element.Reference is null ? 0 : 1);
        if (sources != 1) throw scope.Error(element.Path, "set exactly one of column, columns, value and reference");

        var path = ElementPathBinder.TryBind(owner, element.Path, out var problem) ?? throw scope.Error(element.Path, problem!);
        if (element.Column is null && element.Columns is null && element.Transform.Count > 0)
            throw scope.Error(element.Path, "transforms apply to column values only, not to a constant or a reference");
        if (element.Reference is { } reference)
        {
            if (path.LeafType.NativeType != typeof(ResourceReference))
                throw scope.Error(element.Path, $"a reference needs a Reference element, but this one holds {path.LeafType.Name}");
            if (!scope.KeyWidths.TryGetValue(reference.ResourceType, out var width))
                throw scope.Error(element.Path, $"references {reference.ResourceType}, which this document does not map");
            if (reference.Columns.Count != width)
                throw scope.Error(element.Path, $"reference names {reference.Columns.Count} columns but the {reference.ResourceType} key has {width}");
            return new ReferenceElementWriter(path, columns.AddAll(reference.Columns), reference.ResourceType, scope.Identity);
        }

        if (!path.LeafType.IsFhirPrimitive)
            throw scope.Error(element.Path, $"the path ends at a {path.LeafType.Name}, which cannot hold a single value: name one of its elements");
        if (element.Value is { } constant) return new ConstantElementWriter(path, ConstantOf(path, constant, scope, element.Path));

        var startsWithConcat = element.Transform.Count > 0 && element.Transform[0].Op == "concat";
        if (element.Columns is not null && (!startsWithConcat || element.Columns.Count == 0))
            throw scope.Error(element.Path, "an element with columns needs at least one column and a first 'concat' transform");
        if (element.Column is not null && startsWithConcat) throw scope.Error(element.Path, "'concat' combines several columns: use columns instead of column");
        if (TransformOutput.Mismatch(element.Transform, path.LeafType) is { } mismatch) throw scope.Error(element.Path, mismatch);
        var transform = TransformCompiler.TryCompile(element.Transform, scope.CodeTables, out problem) ?? throw scope.Error(element.Path, problem!);
        return element.Columns is not null
            ? new ColumnsElementWriter(path, columns.AddAll(element.Columns), transform)
            : new ColumnElementWriter(path, columns.Add(element.Column!), transform);
    }

    /// <summary>A constant is converted once, at load, so one that cannot fill its element is a document error.</summary>
    private static PrimitiveType ConstantOf(BoundElementPath path, string constant, Scope scope, string elementPath)
    {
        try
        {
            var primitive = PrimitiveValueConverter.ToPrimitive(path.LeafType, constant, TimeZoneInfo.Utc);
            return primitive;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw scope.Error(elementPath, ex is MappingValueException ? ex.Message : $"the constant cannot fill a {path.LeafType.Name} element");
        }
    }

    private static void CheckFilter(RowFilter filter, Scope scope)
    {
        var valid = filter.Op switch
        {
            "equals" or "notEquals" => filter.Value is not null,
            "in" => filter.Values is { Count: > 0 },
            "isNull" or "isNotNull" => true,
            _ => throw scope.Error(null, $"filter on '{filter.Column}': unknown op '{filter.Op}' (equals, notEquals, in, isNull, isNotNull)"),
        };
        if (!valid) throw scope.Error(null, $"filter on '{filter.Column}': op '{filter.Op}' needs {(filter.Op == "in" ? "values" : "a value")}");
    }

    private sealed record Scope(string DocumentName, string Resource, TenantResourceIdentity Identity, IReadOnlyDictionary<string, int> KeyWidths,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> CodeTables)
    {
        public MappingDefinitionException Error(string? path, string problem) => new(DocumentName, Resource, path, problem);
    }

    private sealed record PendingResource(ClassMapping Type, ResourceMapping Source, ColumnSet Columns,
        IReadOnlyList<ElementWriter> Writers, IReadOnlyList<CompiledChildMapper> Children, CompiledSoftDelete? SoftDelete)
    {
        public CompiledResourceMapper Build(TenantResourceIdentity identity, TimeZoneInfo timeZone) =>
            new(Type, Source.Table, Source.Key, Source.ChangeTracking, Source.Filter, Columns, Writers, Children, SoftDelete, identity, timeZone);
    }
}
