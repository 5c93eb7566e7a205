using System.Globalization;
using FhirSync.ControlPlane.Runs;

namespace FhirSync.Publisher.Runs;

/// <summary>How the CLI prints runs: a line per run in a list, and a run's outcome with its figures per source.</summary>
internal static class RunTable
{
    public static void PrintList(TextWriter output, IReadOnlyList<SyncRun> runs)
    {
        output.WriteLine($"{"run",-36} {"tenant",-16} {"kind",-9} {"state",-10} {"origin",-14} {"requested (UTC)",-19} {"took",8} {"slices",6} {"written",9}");
        foreach (var run in runs)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.RunId,-36} {run.Request.TenantId.Value,-16} {run.Request.Kind,-9} {run.State,-10} {Bounded(run.Request.Origin, 14),-14} {run.Request.RequestedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss} {Took(run),8} {run.Slices,6} {run.Sources.Sum(s => s.Written),9}"));
        }
    }

    public static void PrintOutcome(TextWriter output, SyncRun run)
    {
        var request = run.Request;
        output.WriteLine($"run {run.RunId} of tenant {request.TenantId.Value}: {request.Kind}, {run.State}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  asked by {request.Origin} at {request.RequestedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(request.FullResync ? ", full resync" : string.Empty)}{(request.ResourceTypes is { } types ? $", only {string.Join(", ", types)}" : string.Empty)}"));
        if (run.StartedAt is { } started)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  started {started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC on {run.Worker}, {run.Slices} slice(s), took {Took(run)}"));
        if (run.CoalescedInto is { } into) output.WriteLine($"  merged into run {into}, which does what it asked");
        if (run.FailureStage is { } stage) output.WriteLine($"  {(run.State == RunStates.Deferred ? "deferred" : "failed")} at {stage}: {run.FailureReason}");
        if (run.Sources.Count == 0) return;
        output.WriteLine($"  {"resource",-20} {"table",-24} {"rows",9} {"read",9} {"written",9} {"rejected",9} {"deleted",9} {"missing",8} {"time",8}");
        foreach (var source in run.Sources)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {source.ResourceType,-20} {source.SourceTable,-24} {source.SourceRows,9} {source.RowsRead,9} {source.Written,9} {source.Rejected,9} {source.Deleted,9} {(source.Missing?.ToString(CultureInfo.InvariantCulture) ?? "-"),8} {source.ElapsedMs / 1000.0,7:0.0}s"));
        }
    }

    private static string Took(SyncRun run) => run.StartedAt is { } started
        ? string.Create(CultureInfo.InvariantCulture, $"{((run.FinishedAt ?? run.UpdatedAt) - started).TotalSeconds:0.0}s")
        : "-";

    private static string Bounded(string text, int length) => text.Length <= length ? text : text[..length];
}
