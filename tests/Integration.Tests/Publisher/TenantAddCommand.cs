using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Publisher;

/// <summary>
/// Runs <c>fhirsync tenant add</c> for a people-table tenant as an operator would: the mapping from a file, the
/// source connection from an environment variable (never on the command line). Clear() removes both.
/// </summary>
internal sealed class TenantAddCommand
{
    private const string SourceVariable = "FHIRSYNC_TEST_TENANT_SOURCE";
    private readonly string _mappingFile = Path.GetTempFileName();

    public TenantAddCommand() => File.WriteAllText(_mappingFile, TenantSourceDatabases.PeopleMapping);

    public Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> settings, string tenantId, string sourceConnection)
    {
        Environment.SetEnvironmentVariable(SourceVariable, sourceConnection);
        return PublisherCli.RunAsync(settings, "tenant", "add", "--id", tenantId, "--name", tenantId,
            "--source-connection-env", SourceVariable, "--mapping", _mappingFile, "--folder", tenantId);
    }

    public void Clear()
    {
        Environment.SetEnvironmentVariable(SourceVariable, null);
        File.Delete(_mappingFile);
    }
}
