using FhirSync.ControlPlane.Tenants;
using FhirSync.Extraction;
using FhirSync.Mapping.Compilation;
using MySqlConnector;

namespace FhirSync.Publisher.Mappings;

/// <summary>
/// A tenant's compiled mapping with a data source on the tenant's own least-privilege login. Only reads: the schema
/// check and first pages. A class, not a record, and the connection string is not kept, so nothing can print it.
/// </summary>
internal sealed class TenantMappingSource : IAsyncDisposable
{
    private readonly MySqlDataSource _dataSource;
    private readonly DataSourceConnections _source;

    private TenantMappingSource(TenantId tenantId, CompiledMapping mapping, MySqlDataSource source)
    {
        TenantId = tenantId;
        Mapping = mapping;
        _dataSource = source;
        _source = new DataSourceConnections(source);
    }

    public TenantId TenantId { get; }

    public CompiledMapping Mapping { get; }

    public static TenantMappingSource Open(TenantId tenantId, CompiledMapping mapping, string connectionString)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString) { ApplicationName = "fhirsync-publisher" };
        }
        catch (ArgumentException)
        {
            // The parser's message may quote part of the string; say only whose string it is.
            throw new InvalidOperationException($"the stored source connection of tenant '{tenantId.Value}' is not a valid connection string");
        }

        return new TenantMappingSource(tenantId, mapping, new MySqlDataSource(builder.ConnectionString));
    }

    /// <exception cref="FhirSync.Mapping.MappingDefinitionException">A mapped table or column is missing.</exception>
    public async Task VerifySchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SourceSchemaVerifier.VerifyAsync(Mapping, _source, cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw SourceFailed(ex);
        }
    }

    /// <summary>The first <paramref name="rows"/> rows of the mapper's table in key order, with their child rows; null when the table is empty.</summary>
    public async Task<SourcePage?> ReadFirstPageAsync(CompiledResourceMapper mapper, int rows, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in KeysetPageReader.ReadAsync(_source, mapper, rows, cancellationToken)) return page;
            return null;
        }
        catch (MySqlException ex)
        {
            throw SourceFailed(ex);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    // Without this, the command's handler would report the tenant's database as the control database.
    // The server's message names the login, never the password.
    private InvalidOperationException SourceFailed(MySqlException ex) =>
        new($"the source database of tenant '{TenantId.Value}' cannot be read: MariaDB error {ex.Number}: {ex.Message}", ex);
}
