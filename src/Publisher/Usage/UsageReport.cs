using System.Globalization;
using System.Text;
using FhirSync.ControlPlane.Usage;

namespace FhirSync.Publisher.Usage;

/// <summary>Per-tenant usage totals for a period, as a table for people or CSV for billing systems.</summary>
internal static class UsageReport
{
    private const string CsvHeader = "tenant_id,from,to,sync_pages,intake_calls,rows_read,resources_written,bytes_sent,source_db_ms,duration_ms,cost_units";

    public static string Csv(IReadOnlyList<UsageTotals> totals, UsagePeriod period)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var t in totals)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{t.TenantId.Value},{period.From:yyyy-MM-ddTHH:mm:ssZ},{period.To:yyyy-MM-ddTHH:mm:ssZ},{t.SyncPages},{t.IntakeCalls},{t.RowsRead},{t.ResourcesWritten},{t.BytesSent},{t.SourceDbMs},{t.DurationMs},{t.CostUnits:0.######}")
                .Append('\n');
        }

        return csv.ToString();
    }

    public static string Table(IReadOnlyList<UsageTotals> totals, UsagePeriod period)
    {
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"usage from {period.From:yyyy-MM-dd HH:mm} to {period.To:yyyy-MM-dd HH:mm} UTC").Append('\n');
        table.Append(CultureInfo.InvariantCulture, $"{"tenant",-20} {"pages",8} {"calls",7} {"rows read",12} {"written",12} {"MB sent",10} {"db s",8} {"cost",14}").Append('\n');
        foreach (var t in totals)
        {
            table.Append(CultureInfo.InvariantCulture,
                $"{t.TenantId.Value,-20} {t.SyncPages,8} {t.IntakeCalls,7} {t.RowsRead,12} {t.ResourcesWritten,12} {t.BytesSent / 1_048_576.0,10:0.00} {t.SourceDbMs / 1000.0,8:0.0} {t.CostUnits,14:0.000000}")
                .Append('\n');
        }

        if (totals.Count == 0) table.Append("no usage in this period\n");
        return table.ToString();
    }
}
