using FhirSync.Publisher.Messaging;

namespace FhirSync.Publisher.Commands;

/// <summary>Prints what each run read and wrote, and where to look; returns the exit code.</summary>
internal static class SyncReport
{
    /// <summary>Waits up to <paramref name="timeoutSeconds"/> for every run's outcome, then prints them all.</summary>
    public static async Task<int> WaitAndPrintAsync(IReadOnlyList<(string Tenant, Task<SyncOutcome> Outcome)> runs, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await Task.WhenAll(runs.Select(run => run.Outcome)).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: not every run finished within {timeoutSeconds} s");
        }

        return Print(runs.Select(run => (run.Tenant, run.Outcome.IsCompletedSuccessfully ? run.Outcome.Result : null)).ToList());
    }

    public static int Print(IReadOnlyList<(string Tenant, SyncOutcome? Outcome)> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"{"tenant",-14} {"resource",-18} {"table",-24} {"read",8} {"written",8} {"rejected",8} {"deleted",8} {"missing",8}  sink");
        var failures = 0;
        foreach (var (tenant, outcome) in runs)
        {
            if (outcome?.Completed is { } done)
            {
                foreach (var count in done.Resources)
                    Console.WriteLine($"{tenant,-14} {count.ResourceType,-18} {count.SourceTable,-24} {count.RowsRead,8} {count.ResourcesWritten,8} {count.RowsRejected,8} {count.ResourcesDeleted,8} {count.ResourcesMissing?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",8}  {done.SinkKind} {done.SinkLocation}");
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
