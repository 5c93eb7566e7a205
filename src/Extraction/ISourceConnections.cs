namespace FhirSync.Extraction;

/// <summary>
/// Where readers get connections to one tenant's source database. The worker's implementation is the tenant's own
/// budgeted, validated pool; the Publisher's preview uses <see cref="DataSourceConnections"/>.
/// </summary>
public interface ISourceConnections
{
    /// <summary>A connection on the tenant's login and database, returned to its owner when the lease is disposed.</summary>
    ValueTask<SourceConnectionLease> OpenAsync(CancellationToken cancellationToken);
}
