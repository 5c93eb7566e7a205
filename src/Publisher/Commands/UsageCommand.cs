using System.CommandLine;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Usage;
using FhirSync.Publisher.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync usage report</c>: per-tenant usage totals for a month or any period, as a table or CSV.</summary>
internal static class UsageCommand
{
    public static Command Create()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant" };
        var month = new Option<string?>("--month") { Description = "A calendar month in UTC, e.g. 2026-12" };
        var from = new Option<string?>("--from") { Description = "Start of the period (ISO 8601, UTC unless an offset is given)" };
        var to = new Option<string?>("--to") { Description = "End of the period, exclusive" };
        var csv = new Option<bool>("--csv") { Description = "CSV for billing systems instead of a table" };
        var report = new Command("report", "Per-tenant totals: sync pages, intake calls, rows read, resources written, bytes sent, time and cost") { tenant, month, from, to, csv };
        report.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var period = UsagePeriod.Parse(parse.GetValue(month), parse.GetValue(from), parse.GetValue(to));
            TenantId? only = parse.GetValue(tenant) is { } named ? TenantId.Parse(named) : null;
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var totals = await host.Services.GetRequiredService<UsageStore>().TotalsAsync(only, period.From, period.To, cancellationToken);
            Console.Write(parse.GetValue(csv) ? UsageReport.Csv(totals, period) : UsageReport.Table(totals, period));
            return 0;
        }));
        return new Command("usage", "What tenants used, for billing") { report };
    }
}
