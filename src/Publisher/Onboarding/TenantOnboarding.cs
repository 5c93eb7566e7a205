using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using MySqlConnector;

namespace FhirSync.Publisher.Onboarding;

/// <summary>
/// Registers a tenant: checks its mapping compiles and its least-privilege source login connects, then stores the
/// connection string and the sink token encrypted. Re-adding a tenant updates it (a sink token not given again is
/// dropped) and keeps its id salt, so resource ids never change.
/// </summary>
internal sealed partial class TenantOnboarding(TenantRegistry registry, SecretProtector secrets)
{
    private const int MaxTokenLength = 8192;

    public async Task<string> AddAsync(TenantOnboardingRequest request, CancellationToken cancellationToken)
    {
        var tenantId = TenantId.Parse(request.TenantId);
        var existing = await registry.FindAsync(tenantId, cancellationToken);
        var salt = existing?.IdSalt ?? RandomNumberGenerator.GetBytes(32);

        MappingCompiler.Compile(request.MappingDocument, tenantId.Value, new TenantResourceIdentity(tenantId.Value, salt));
        var sinkCredentials = ProtectSinkToken(tenantId, request);
        var sourceLogin = await CheckSourceConnectionAsync(request.SourceConnectionString, cancellationToken);

        await registry.UpsertAsync(new TenantRegistration
        {
            TenantId = tenantId,
            DisplayName = request.DisplayName,
            EncryptedSourceConnection = secrets.Protect(tenantId.Value, request.SourceConnectionString, SecretPurpose.SourceConnection),
            Sink = request.Sink,
            EncryptedSinkCredentials = sinkCredentials,
            ScheduleCron = request.ScheduleCron,
            ScheduleTimeZone = request.ScheduleTimeZone,
            MappingDocument = request.MappingDocument,
            IdSalt = salt,
            Enabled = request.Enabled,
        }, cancellationToken);
        return sourceLogin;
    }

    /// <summary>The token is checked here, not by the first run: it must be one a FHIR store can receive in a header.</summary>
    private string? ProtectSinkToken(TenantId tenantId, TenantOnboardingRequest request)
    {
        if (request.SinkToken is not { } token) return null;
        if (request.Sink.Kind != SinkSettings.Fhir) throw new ArgumentException($"tenant {tenantId.Value}: a sink token is only for a fhir sink");
        if (token.Length > MaxTokenLength || !BearerToken().IsMatch(token))
            throw new ArgumentException($"tenant {tenantId.Value}: the sink token is not a bearer token (RFC 6750: letters, digits and -._~+/ then any '=', at most {MaxTokenLength} characters)");
        return secrets.Protect(tenantId.Value, token, SecretPurpose.SinkCredentials);
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

    [GeneratedRegex("^[A-Za-z0-9._~+/-]+=*$")]
    private static partial Regex BearerToken();
}
