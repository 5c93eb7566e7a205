using FhirSync.Mapping;
using FhirSync.Mapping.Compilation;
using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>
/// Before a run reads anything, checks every table and column the tenant's mapping names against the tenant's own
/// INFORMATION_SCHEMA, so a missing column fails the run with a clear error instead of failing mid-way.
/// </summary>
public static class SourceSchemaVerifier
{
    /// <exception cref="MappingDefinitionException">A mapped table or column is missing or not a plain identifier.</exception>
    public static async Task VerifyAsync(CompiledMapping mapping, ISourceConnections source, CancellationToken cancellationToken)
    {
        var existing = await ReadColumnsAsync(source, cancellationToken);
        foreach (var resource in mapping.Resources)
        {
            var where = $"{resource.ResourceType} from {resource.Table}";
            Check(mapping.DocumentName, where, resource.Table, resource.SelectColumns.Concat(resource.Filter.Select(f => f.Column)), existing);
            foreach (var child in resource.Children) Check(mapping.DocumentName, $"{where}, child table {child.Table}", child.Table, child.SelectColumns, existing);
        }
    }

    private static void Check(string documentName, string where, string table, IEnumerable<string> columns, ILookup<string, string> existing)
    {
        if (!SqlIdentifier.IsValid(table)) throw new MappingDefinitionException(documentName, where, null, $"table '{table}' is not a plain SQL identifier");
        if (!existing.Contains(table)) throw new MappingDefinitionException(documentName, where, null, $"table '{table}' does not exist in the tenant's database");
        foreach (var column in columns)
        {
            // Checked before existence: a column the database really has can still be named with a backtick or a space.
            if (!SqlIdentifier.IsValid(column))
                throw new MappingDefinitionException(documentName, where, null, $"column '{column}' of table '{table}' is not a plain SQL identifier");
            if (!existing[table].Contains(column, StringComparer.OrdinalIgnoreCase))
                throw new MappingDefinitionException(documentName, where, null, $"column '{column}' does not exist in table '{table}' of the tenant's database");
        }
    }

    private static async Task<ILookup<string, string>> ReadColumnsAsync(ISourceConnections source, CancellationToken cancellationToken)
    {
        await using var lease = await source.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE()", lease.Connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<(string Table, string Column)>();
        while (await reader.ReadAsync(cancellationToken)) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns.ToLookup(c => c.Table, c => c.Column, StringComparer.Ordinal);
    }
}
