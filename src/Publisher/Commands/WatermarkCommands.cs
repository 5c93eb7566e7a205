using System.CommandLine;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Watermarks;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync watermarks list|reset</c>: where each tenant's incremental syncs resume, and starting over on purpose.</summary>
internal static class WatermarkCommands
{
    public static Command Create() => new("watermarks", "Show or reset where a tenant's incremental syncs resume") { List(), Reset() };

    private static Command List()
    {
        var id = TenantOption.Create();
        var command = new Command("list", "Show a tenant's watermarks") { id };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var watermarks = await host.Services.GetRequiredService<WatermarkStore>().ListAsync(tenantId, cancellationToken);
            Console.WriteLine($"{"resource",-20} {"table",-24} {"source rows",11} {"updated (UTC)",-20} run");
            foreach (var watermark in watermarks)
                Console.WriteLine($"{watermark.ResourceType,-20} {watermark.SourceTable,-24} {watermark.SourceRows,11} {watermark.UpdatedAt:yyyy-MM-dd HH:mm:ss} {watermark.RunId}");
            if (watermarks.Count == 0) Console.WriteLine($"tenant {tenantId} has no watermarks: its next run reads every row");
            return 0;
        }));
        return command;
    }

    private static Command Reset()
    {
        var id = TenantOption.Create();
        var table = new Option<string?>("--table") { Description = "Only this source table (default: every table of the tenant)" };
        var command = new Command("reset", "Forget a tenant's watermarks so its next run reads every row again") { id, table };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var removed = await host.Services.GetRequiredService<WatermarkStore>().ResetAsync(tenantId, parse.GetValue(table), cancellationToken);
            Console.WriteLine($"tenant {tenantId}: {removed} watermark(s) reset; the next run reads {(parse.GetValue(table) is { } t ? $"table {t}" : "every table")} in full");
            return 0;
        }));
        return command;
    }
}
