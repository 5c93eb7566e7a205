using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>A request through the intake is carried out by a real worker, and its outcome read back through the intake.</summary>
[Collection(RealServices.Name)]
public sealed class IntakeEndToEndShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task RunARequestedSyncThroughAWorkerAndShowItsCounts()
    {
        await using var worker = await TestWorker.StartAsync(Intake.Settings);
        using var http = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));

        using var accepted = await http.PostSyncAsync(Intake.TenantA, """{ "fullResync": true }""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var run = await Eventually.ValueAsync(async () => await http.GetFromJsonAsync<JsonElement>(accepted.Headers.Location),
            view => view.GetProperty("state").GetString() == "succeeded", "the run to succeed", TimeSpan.FromSeconds(30), describe: view => view.ToString());
        var source = Assert.Single(run.GetProperty("sources").EnumerateArray());
        Assert.Equal(("Patient", "people", 3L, 3L, 0L), (source.GetProperty("resourceType").GetString(), source.GetProperty("table").GetString(),
            source.GetProperty("read").GetInt64(), source.GetProperty("written").GetInt64(), source.GetProperty("rejected").GetInt64()));
        Assert.Equal(3, File.ReadLines(Path.Combine(worker.OutputRoot, Intake.TenantA, "Patient.ndjson")).Count());
    }
}
