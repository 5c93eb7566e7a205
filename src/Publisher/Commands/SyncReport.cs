using FhirSync.Publisher.Messaging;

namespace FhirSync.Publisher.Commands;

/// <summary>Prints what each run read and wrote, and where to look; returns the exit code.</summary>
internal static class SyncReport
{
    public static int Print(IReadOnlyList<(string Tenant, SyncOutcome? Outcome)> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"{"tenant",-14} {"resource",-18} {"table",-24} {"read",8} {"written",8} {"rejected",8}  sink");
        var failures = 0;
        foreach (var (tenant, outcome) in runs)
        {
            if (outcome?.Completed is { } done)
            {
                foreach (var count in done.Resources)
                    Console.WriteLine($"{tenant,-14} {count.ResourceType,-18} {count.SourceTable,-24} {count.RowsRead,8} {count.ResourcesWritten,8} {count.RowsRejected,8}  {done.SinkKind} {done.SinkLocation}");
                Console.WriteLine($"{tenant,-14} completed in {(done.CompletedAt - done.StartedAt).TotalSeconds:0.0} s (run {done.RunId})");
            }
            else
            {
                failures++;
                var reason = outcome?.Failed is { } failed ? $"failed at {failed.Stage}: {failed.Reason}" : "no outcome before the timeout";
                Console.WriteLine($"{tenant,-14} {reason}");
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
