using System.CommandLine;
using System.Globalization;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary>
/// <c>fhirsync report</c>: what the runs of a tenant did with each mapped source, so a partial load is never silent
/// (exit code 3 when a row was rejected or a resource is missing), and with <c>--lineage</c> which resource each
/// source key became.
/// </summary>
internal static class ReportCommand
{
    public const int PartialLoad = 3;

    public static Command Create()
    {
        var id = TenantOption.Create();
        var run = new Option<Guid?>("--run") { Description = "The figures of this run (default: each source's latest run)" };
        var lineage = new Option<bool>("--lineage") { Description = "List each source key with its resource id and state instead of the figures" };
        var table = new Option<string?>("--table") { Description = "With --lineage: only this source table" };
        var state = new Option<string?>("--state") { Description = "With --lineage: only keys in this state: written, rejected, deleted or missing" };
        var command = new Command("report", "Show a tenant's reconciliation report: source rows, written, rejected, deleted and missing per source") { id, run, lineage, table, state };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            if (parse.GetValue(state) is { } wanted && wanted is not (LineageState.Written or LineageState.Rejected or LineageState.Deleted or LineageState.Missing))
                throw new ArgumentException($"--state '{wanted}' is not one of written, rejected, deleted, missing");
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var store = host.Services.GetRequiredService<ReconciliationStore>();
            return parse.GetValue(lineage)
                ? await PrintLineageAsync(store, tenantId, parse.GetValue(table), parse.GetValue(state), cancellationToken)
                : PrintFigures(tenantId, await store.ReportsAsync(tenantId, parse.GetValue(run), cancellationToken));
        }));
        return command;
    }

    private static int PrintFigures(TenantId tenantId, IReadOnlyList<SourceReport> reports)
    {
        if (reports.Count == 0)
        {
            Console.WriteLine($"tenant {tenantId} has no recorded run yet");
            return 0;
        }

        Console.WriteLine($"{"resource",-18} {"table",-24} {"source rows",11} {"read",8} {"written",8} {"rejected",8} {"deleted",8} {"missing",8}  {"recorded (UTC)",-19}  run");
        foreach (var r in reports)
        {
            var missing = r.Missing?.ToString(CultureInfo.InvariantCulture) ?? "-";
            Console.WriteLine($"{r.ResourceType,-18} {r.SourceTable,-24} {r.SourceRows,11} {r.RowsRead,8} {r.Written,8} {r.Rejected,8} {r.Deleted,8} {missing,8}  {r.RecordedAt:yyyy-MM-dd HH:mm:ss}  {r.RunId}");
        }

        var (rejected, missingRows) = (reports.Sum(r => r.Rejected), reports.Sum(r => r.Missing ?? 0));
        if (reports.All(r => r.Complete))
        {
            var unreconciled = reports.Count(r => !r.Reconciled);
            Console.WriteLine(unreconciled == 0
                ? $"tenant {tenantId}: complete, every source row is in the sink"
                : $"tenant {tenantId}: nothing rejected; {unreconciled} source(s) not reconciled by their latest run ('-' missing): run 'fhirsync reconcile --tenant {tenantId}' to check the sink");
            return 0;
        }

        Console.WriteLine($"tenant {tenantId}: partial load: {rejected} row(s) rejected, {missingRows} missing from the sink; " +
            $"see 'fhirsync report --id {tenantId} --lineage --state rejected' (or missing) and the worker log for the reasons");
        return PartialLoad;
    }

    private static async Task<int> PrintLineageAsync(ReconciliationStore store, TenantId tenantId, string? table, string? state, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{"resource",-18} {"table",-24} {"source key",-24} {"resource id",-32} {"state",-8}  run");
        var count = 0;
        await foreach (var entry in store.LineageAsync(tenantId, table, state, cancellationToken))
        {
            count++;
            Console.WriteLine($"{entry.ResourceType,-18} {entry.SourceTable,-24} {entry.SourceKey,-24} {entry.ResourceId,-32} {entry.State,-8}  {entry.RunId}");
        }

        Console.WriteLine($"{count} key(s)");
        return 0;
    }
}
