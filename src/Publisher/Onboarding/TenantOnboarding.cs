using System.Security.Cryptography;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using MySqlConnector;

namespace FhirSync.Publisher.Onboarding;

/// <summary>
/// Registers a tenant: checks its mapping compiles and its least-privilege source login connects, then stores the
/// connection string encrypted. Re-adding a tenant updates it and keeps its id salt, so resource ids never change.
/// </summary>
internal sealed class TenantOnboarding(TenantRegistry registry, SecretProtector secrets)
{
    public async Task<string> AddAsync(TenantOnboardingRequest request, CancellationToken cancellationToken)
    {
        var tenantId = TenantId.Parse(request.TenantId);
        var existing = await registry.FindAsync(tenantId, cancellationToken);
        var salt = existing?.IdSalt ?? RandomNumberGenerator.GetBytes(32);

        MappingCompiler.Compile(request.MappingDocument, tenantId.Value, new TenantResourceIdentity(tenantId.Value, salt));
        var sourceLogin = await CheckSourceConnectionAsync(request.SourceConnectionString, cancellationToken);

        await registry.UpsertAsync(new TenantRegistration
        {
            TenantId = tenantId,
            DisplayName = request.DisplayName,
            EncryptedSourceConnection = secrets.Protect(tenantId.Value, request.SourceConnectionString),
            Sink = request.Sink,
            ScheduleCron = request.ScheduleCron,
            ScheduleTimeZone = request.ScheduleTimeZone,
            MappingDocument = request.MappingDocument,
            IdSalt = salt,
            Enabled = request.Enabled,
        }, cancellationToken);
        return sourceLogin;
    }

    /// <summary>Connects with the tenant's own login and returns which account and database it reached.</summary>
    private static async Task<string> CheckSourceConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT CONCAT(CURRENT_USER(), ' on ', COALESCE(DATABASE(), '(no database)'))", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (MySqlException ex)
        {
            // The server's message names the login, never the password; the connection string itself is not echoed.
            throw new InvalidOperationException($"the source connection test failed: MariaDB error {ex.Number}: {ex.Message}", ex);
        }
    }
}
