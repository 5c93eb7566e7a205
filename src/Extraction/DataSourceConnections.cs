using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>Connections from a plain <see cref="MySqlDataSource"/>, for short-lived tools such as the mapping preview.</summary>
public sealed class DataSourceConnections(MySqlDataSource dataSource) : ISourceConnections
{
    public async ValueTask<SourceConnectionLease> OpenAsync(CancellationToken cancellationToken) =>
        new(await dataSource.OpenConnectionAsync(cancellationToken), connection => connection.DisposeAsync());
}
