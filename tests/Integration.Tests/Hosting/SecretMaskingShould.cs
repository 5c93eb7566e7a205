using FhirSync.Worker.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace FhirSync.Integration.Tests.Hosting;

/// <summary>The log pipeline's last defence: secret-looking properties are masked before any sink sees them.</summary>
public sealed class SecretMaskingShould
{
    [Theory]
    [InlineData("Password", "hunter2")]
    [InlineData("SourceConnectionString", "Server=db;Database=x")]
    [InlineData("ApiKey", "anything")]
    [InlineData("Authorization", "anything")]
    [InlineData("Detail", "Server=db;User ID=u;Password=hunter2")]
    [InlineData("Detail", "server=db;pwd = hunter2")]
    [InlineData("Detail", "Bearer eyJhbGciOi")]
    [InlineData("Detail", "fsk_0123456789ab_restofthekey")]
    [InlineData("Detail", "v1:k1:QUJDREVGR0hJSktMTU5PUFFSU1RVVldY")]
    public void MaskASecretByItsNameOrItsShape(string name, string value)
    {
        var logEvent = Event((name, value));

        new SecretMasking().Enrich(logEvent, null!);

        Assert.Equal(SecretMasking.Mask, ((ScalarValue)logEvent.Properties[name]).Value);
    }

    [Fact]
    public void LeaveTenantIdsTablesKeysAndCountsAlone()
    {
        var logEvent = Event(("TenantId", "hospital-a"), ("Table", "patients"), ("Key", "42"), ("RowsRead", "300"), ("Reason", "column 'x' does not exist"));

        new SecretMasking().Enrich(logEvent, null!);

        Assert.Equal(["hospital-a", "patients", "42", "300", "column 'x' does not exist"],
            logEvent.Properties.Values.Select(value => ((ScalarValue)value).Value));
    }

    private static LogEvent Event(params (string Name, string Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("test"),
            properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));
}
