using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// Accepted calls on a tenant's intake routes are metered as that tenant's usage, refused ones are not; the billing
/// report over HTTP shows a tenant's own credentials only that tenant's totals, and every tenant's only to fhir-admin.
/// </summary>
[Collection(RealServices.Name)]
public sealed class IntakeUsageShould(ServicesFixture services, IntakeEnvironment intake) : IntakeScenario(services, intake)
{
    [Fact]
    public async Task MeterAcceptedCallsAndShowEachTenantOnlyItsOwnTotals()
    {
        using var tenantA = Intake.Http(await Intake.Provider.TokenAsync(Intake.ClientA));
        using var admin = Intake.Http(await Intake.Provider.TokenAsync(Intake.Admin));
        using var accepted = await tenantA.PostSyncAsync(Intake.TenantA);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var run = await tenantA.GetAsync(accepted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        using var refused = await tenantA.PostSyncAsync(Intake.TenantB);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var period = string.Create(CultureInfo.InvariantCulture, $"from={DateTimeOffset.UtcNow.AddHours(-1):O}&to={DateTimeOffset.UtcNow.AddHours(1):O}").Replace("+", "%2B", StringComparison.Ordinal);

        var own = await tenantA.GetFromJsonAsync<JsonElement>($"/tenants/{Intake.TenantA}/usage?{period}");

        var totals = Assert.Single(own.GetProperty("tenants").EnumerateArray());
        Assert.Equal(Intake.TenantA, totals.GetProperty("tenantId").GetString());
        Assert.Equal(2, totals.GetProperty("intakeCalls").GetInt64()); // the POST and the GET; the refused POST is not billed
        Assert.True(totals.GetProperty("costUnits").GetDecimal() > 0);
        using var othersTenant = await tenantA.GetAsync($"/tenants/{Intake.TenantB}/usage?{period}");
        Assert.Equal(HttpStatusCode.Forbidden, othersTenant.StatusCode);
        using var everyTenant = await tenantA.GetAsync($"/usage?{period}");
        Assert.Equal(HttpStatusCode.Forbidden, everyTenant.StatusCode);
        var csv = await admin.GetStringAsync($"/usage?{period}&format=csv");
        Assert.StartsWith("tenant_id,from,to,sync_pages,intake_calls,rows_read,resources_written,bytes_sent,source_db_ms,duration_ms,cost_units\n", csv, StringComparison.Ordinal);
        Assert.Contains(csv.Split('\n'), line => line.StartsWith($"{Intake.TenantA},", StringComparison.Ordinal));
        using var badPeriod = await admin.GetAsync("/usage?month=december");
        Assert.Equal("month 'december' is not of the form yyyy-MM", (await IntakeCalls.ProblemAsync(badPeriod, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }
}
