using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Mappings;

/// <summary>
/// Loads a tenant's mapping the way the worker resolves it (registry entry, decrypted source login, document compiled
/// under the tenant's id salt) and checks it against the tenant's live schema, so the operator tools judge a document
/// exactly as a run would. A document from a file is judged in place of the registered one without registering it.
/// </summary>
internal sealed class TenantMappingLoader(TenantRegistry registry, SecretProtector secrets)
{
    public static TenantMappingLoader From(IServiceProvider services) =>
        new(services.GetRequiredService<TenantRegistry>(), services.GetRequiredService<SecretProtector>());

    /// <exception cref="FhirSync.Mapping.MappingDefinitionException">The document is invalid or names a missing table or column.</exception>
    /// <exception cref="InvalidOperationException">The tenant is not registered, or its source database cannot be read.</exception>
    public async Task<TenantMappingSource> LoadAsync(string requestedTenantId, FileInfo? documentFile, CancellationToken cancellationToken)
    {
        var tenantId = TenantId.Parse(requestedTenantId);
        var registration = await registry.FindAsync(tenantId, cancellationToken)
            ?? throw new InvalidOperationException($"tenant '{tenantId.Value}' is not registered");

        var connectionString = secrets.Unprotect(tenantId.Value, registration.EncryptedSourceConnection);
        // A file's errors name the file, so the operator can tell them from the registered document's.
        var (json, documentName) = documentFile is null
            ? (registration.MappingDocument, tenantId.Value)
            : (await File.ReadAllTextAsync(documentFile.FullName, cancellationToken), documentFile.Name);
        var mapping = Compile(registration, json, documentName);

        var source = TenantMappingSource.Open(tenantId, mapping, connectionString);
        try
        {
            await source.VerifySchemaAsync(cancellationToken);
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The tenant's registered mapping compiled as a run compiles it, without opening its source database: enough to
    /// know which resource types it produces.
    /// </summary>
    /// <exception cref="FhirSync.Mapping.MappingDefinitionException">The registered document is invalid.</exception>
    public static CompiledMapping CompileRegistered(TenantRegistration registration) =>
        Compile(registration, registration.MappingDocument, registration.TenantId.Value);

    private static CompiledMapping Compile(TenantRegistration registration, string json, string documentName) =>
        MappingCompiler.Compile(json, documentName, new TenantResourceIdentity(registration.TenantId.Value, registration.IdSalt));
}
