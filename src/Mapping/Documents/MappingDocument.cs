namespace FhirSync.Mapping.Documents;

/// <summary>One tenant's declarative mapping: which source tables become which FHIR resources.</summary>
public sealed record MappingDocument
{
    /// <summary>The format version this document is written in. Only <c>1</c> exists.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>IANA time zone the tenant's local date-times are in; <c>UTC</c> when absent.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Shared code tables, by name, for <c>map</c> transforms that name a <c>table</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> CodeTables { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Resources to produce, in the order they are synced (referenced resources first).</summary>
    public required IReadOnlyList<ResourceMapping> Resources { get; init; }
}
