using System.Text.Json;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Integration.Tests.Infrastructure;
using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>A tenant's sink in a test, NDJSON folder or FHIR test server, read back and tampered with the same way for both.</summary>
internal sealed class SinkUnderTest : IAsyncDisposable
{
    private readonly FhirTestServer? _server;
    private readonly string _folder;

    private SinkUnderTest(FhirTestServer? server, string folder, SinkSettings settings)
    {
        _server = server;
        _folder = folder;
        Settings = settings;
    }

    public SinkSettings Settings { get; }

    public static async Task<SinkUnderTest> StartAsync(string kind, string outputRoot, string tenantId, int bundleSize = 10)
    {
        if (kind == SinkSettings.Ndjson) return new SinkUnderTest(null, Path.Combine(outputRoot, tenantId), new SinkSettings { Kind = SinkSettings.Ndjson });
        var server = await FhirTestServer.StartAsync();
        return new SinkUnderTest(server, string.Empty, new SinkSettings { Kind = SinkSettings.Fhir, BaseUrl = server.BaseUrl, BundleSize = bundleSize });
    }

    /// <summary>The patients the sink holds, by the source key of their identifier.</summary>
    public async Task<IReadOnlyDictionary<string, Patient>> PatientsByKeyAsync()
    {
        IReadOnlyList<Patient> patients;
        if (_server is null) patients = File.Exists(PatientFile) ? NdjsonReader.Read<Patient>(_folder) : [];
        else
        {
            using var reader = new FhirStoreReader(_server.BaseUrl);
            patients = await reader.SearchAllAsync<Patient>();
        }

        return patients.ToDictionary(p => p.Identifier.Single(i => i.System?.StartsWith("urn:fhirsync:", StringComparison.Ordinal) == true).Value!, StringComparer.Ordinal);
    }

    /// <summary>Takes a resource out of the sink behind FhirSync's back, as an operator or another system might.</summary>
    public async System.Threading.Tasks.Task RemoveAsync(Patient patient)
    {
        if (_server is null)
        {
            var kept = File.ReadLines(PatientFile).Where(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString() != patient.Id).ToList();
            await File.WriteAllLinesAsync(PatientFile, kept);
            return;
        }

        using var http = new HttpClient();
        (await http.DeleteAsync(new Uri(_server.BaseUrl, $"Patient/{patient.Id}"))).EnsureSuccessStatusCode();
    }

    private string PatientFile => Path.Combine(_folder, "Patient.ndjson");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
