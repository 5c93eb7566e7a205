using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FhirSync.ControlPlane.ApiKeys;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Extraction.Logins;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using MySqlConnector;

namespace FhirSync.Publisher.Onboarding;

/// <summary>
/// Registers a tenant: checks its mapping compiles, its least-privilege source login connects, and its store is not
/// another tenant's, then stores the connection string and the sink token encrypted. A new tenant gets its first API
/// key. Re-adding a tenant updates it (a sink token not given again is dropped) and keeps its id salt, so resource ids
/// never change.
/// </summary>
internal sealed partial class TenantOnboarding(TenantRegistry registry, TenantApiKeys apiKeys, SecretProtector secrets)
{
    private const int MaxTokenLength = 8192;

    public async Task<TenantOnboardingResult> AddAsync(TenantOnboardingRequest request, CancellationToken cancellationToken)
    {
        var tenantId = TenantId.Parse(request.TenantId);
        var existing = await registry.FindAsync(tenantId, cancellationToken);
        var salt = existing?.IdSalt ?? RandomNumberGenerator.GetBytes(32);

        MappingCompiler.Compile(request.MappingDocument, tenantId.Value, new TenantResourceIdentity(tenantId.Value, salt));
        await EnsureStoreIsOwnAsync(tenantId, request.Sink, cancellationToken);
        var sinkCredentials = ProtectSinkToken(tenantId, request);
        var login = await InspectSourceLoginAsync(tenantId, request.SourceConnectionString, cancellationToken);

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
        var apiKey = existing is null ? await apiKeys.IssueAsync(tenantId, cancellationToken) : null;
        return new TenantOnboardingResult($"{login.CurrentUser} on {login.Database}", existing is null, login.Warnings, apiKey);
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

    /// <summary>Refuses a folder or FHIR base that is, contains, or lies inside another tenant's.</summary>
    private async Task EnsureStoreIsOwnAsync(TenantId tenantId, SinkSettings sink, CancellationToken cancellationToken)
    {
        var identity = SinkIdentity.Of(tenantId, sink);
        foreach (var other in await registry.ListAsync(enabledOnly: false, cancellationToken))
        {
            if (other.TenantId != tenantId && SinkIdentity.Overlap(identity, SinkIdentity.Of(other.TenantId, other.Sink)))
                throw new SinkAlreadyUsedException(tenantId.Value, other.TenantId.Value);
        }
    }

    /// <summary>
    /// Connects with the tenant's own login and reads who it is and what it may reach. A login without a database is
    /// refused; one that can read other databases, write or administer is accepted with warnings for the operator.
    /// </summary>
    private static async Task<SourceLoginReport> InspectSourceLoginAsync(TenantId tenantId, string connectionString, CancellationToken cancellationToken)
    {
        SourceLoginReport login;
        try
        {
            // Not pooled: a one-off check must not leave the tenant's login connected afterwards.
            await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            login = await SourceLoginInspector.InspectAsync(connection, cancellationToken);
        }
        catch (MySqlException ex)
        {
            // The server's message names the login, never the password; the connection string itself is not echoed.
            throw new InvalidOperationException($"the source connection test of tenant '{tenantId}' failed: MariaDB error {ex.Number}: {ex.Message}", ex);
        }

        if (login.Database is null) throw new InvalidOperationException($"the source connection of tenant '{tenantId}' names no database; name the tenant's own database");
        return login;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._~+/-]+=*\z")]
    private static partial Regex BearerToken();
}
