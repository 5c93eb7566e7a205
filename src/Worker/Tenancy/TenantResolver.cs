using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;

namespace FhirSync.Worker.Tenancy;

/// <summary>Resolves a tenant once per unit of work: registry entry, decrypted credentials, compiled mapping; cached for the TTL.</summary>
internal sealed class TenantResolver(TenantRegistry registry, SecretProtector secrets, TenantConfigCache cache)
{
    /// <exception cref="UnknownTenantException">The id is malformed, unregistered or disabled.</exception>
    /// <exception cref="SecretDecryptionException">The stored source connection or sink credentials cannot be decrypted.</exception>
    /// <exception cref="FhirSync.Mapping.MappingDefinitionException">The tenant's mapping document is invalid.</exception>
    public Task<TenantContext> ResolveAsync(string requestedTenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.TryParse(requestedTenantId, out var tenantId)) throw new UnknownTenantException(TenantId.Printable(requestedTenantId), "is not a valid tenant id");
        return cache.GetOrLoadAsync(tenantId, LoadAsync, cancellationToken);
    }

    private async Task<TenantContext> LoadAsync(TenantId tenantId, CancellationToken cancellationToken)
    {
        var registration = await ControlDatabaseUnavailableException.GuardAsync(() => registry.FindAsync(tenantId, cancellationToken))
            ?? throw new UnknownTenantException(tenantId.Value, "is not registered");
        if (!registration.Enabled) throw new UnknownTenantException(tenantId.Value, "is disabled");

        var connectionString = secrets.Unprotect(tenantId.Value, registration.EncryptedSourceConnection, SecretPurpose.SourceConnection);
        var sinkToken = registration.EncryptedSinkCredentials is { } sinkCredentials
            ? secrets.Unprotect(tenantId.Value, sinkCredentials, SecretPurpose.SinkCredentials)
            : null;
        var mapping = MappingCompiler.Compile(registration.MappingDocument, tenantId.Value, new TenantResourceIdentity(tenantId.Value, registration.IdSalt));
        return new TenantContext(tenantId, registration.DisplayName, connectionString, mapping, registration.Sink, sinkToken);
    }

}
