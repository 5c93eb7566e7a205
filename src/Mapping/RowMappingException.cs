namespace FhirSync.Mapping;

/// <summary>
/// One source row could not be mapped. Carries the table, the key and the rule that failed, never the row's values,
/// so it is safe to log and to count in a run summary.
/// </summary>
public sealed class RowMappingException(string table, string key, string rule)
    : Exception($"row of table '{table}' with key '{key}' was rejected: {rule}")
{
    /// <summary>The source table.</summary>
    public string Table { get; } = table;

    /// <summary>The row's key, as used in identifiers.</summary>
    public string Key { get; } = key;

    /// <summary>The rule that failed, naming the element path or transform.</summary>
    public string Rule { get; } = rule;
}
