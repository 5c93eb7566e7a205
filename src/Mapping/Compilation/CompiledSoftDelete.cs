using System.Globalization;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>Tells a soft-deleted row by its marker column, and for the <c>status</c> action writes the element that says so.</summary>
public sealed class CompiledSoftDelete
{
    private readonly HashSet<string> _values;
    private readonly ElementWriter? _status;

    internal CompiledSoftDelete(string column, int ordinal, IEnumerable<string> values, ElementWriter? status)
    {
        Column = column;
        ColumnOrdinal = ordinal;
        _values = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        _status = status;
    }

    /// <summary>The marker column.</summary>
    public string Column { get; }

    /// <summary>Where the marker column sits among the mapper's select columns.</summary>
    public int ColumnOrdinal { get; }

    /// <summary>True: a deleted row's resource is deleted from the sink; false: it is written with its status element set.</summary>
    public bool DeletesResource => _status is null;

    /// <summary>Whether the row's marker holds one of the deleted values. A boolean or BIT(1) column matches <c>1</c> and <c>true</c> alike.</summary>
    public bool IsDeleted(object?[] row) => row[ColumnOrdinal] switch
    {
        null or DBNull => false,
        bool flag => _values.Contains(flag ? "1" : "0") || _values.Contains(flag ? "true" : "false"),
        string text => _values.Contains(text),
        IFormattable formattable => _values.Contains(formattable.ToString(null, CultureInfo.InvariantCulture)),
        var other => _values.Contains(other.ToString() ?? string.Empty),
    };

    internal bool WriteStatus(Resource resource, object?[] row, TimeZoneInfo timeZone) => _status?.Write(resource, row, timeZone) ?? false;
}
