using System.Globalization;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Runs;

namespace FhirSync.Publisher.Runs;

/// <summary>
/// Follows runs in the control database until each has finished (a merged run is followed into the run it was
/// merged into), drawing a progress line per run: a bar against the rows its tenant's sources held at their last
/// report, and the counts per resource type so far. On a terminal the lines are redrawn; otherwise a line is printed
/// whenever a run's figures change.
/// </summary>
internal sealed class RunWatch(RunStore runs, ReconciliationStore reports, TimeProvider timeProvider, TextWriter output, bool redraw)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private const int BarWidth = 24;
    private readonly Dictionary<Guid, string> _lastLines = [];
    private int _drawnLines;

    /// <summary>The runs' last states (the followed run for a merged one); unfinished ones when the timeout came first.</summary>
    public async Task<IReadOnlyList<SyncRun>> WaitAsync(IReadOnlyList<Guid> runIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var estimates = new Dictionary<Guid, long>();
        var deadline = timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            var current = new List<SyncRun>(runIds.Count);
            foreach (var runId in runIds) current.Add(await FollowAsync(runId, cancellationToken));
            foreach (var run in current.Where(r => !estimates.ContainsKey(r.RunId)))
                estimates[run.RunId] = (await reports.ReportsAsync(run.Request.TenantId, null, cancellationToken)).Where(r => r.RunId != run.RunId).Sum(r => r.SourceRows);
            Draw(current, estimates);
            if (current.All(r => r.Finished) || timeProvider.GetUtcNow() > deadline) return current;
            await Task.Delay(Poll, timeProvider, cancellationToken);
        }
    }

    private async Task<SyncRun> FollowAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"run {runId} is not in the control database");
        for (var hops = 0; run.CoalescedInto is { } into && hops < 10; hops++)
            run = await runs.FindAsync(into, cancellationToken) ?? run;
        return run;
    }

    private void Draw(IReadOnlyList<SyncRun> current, Dictionary<Guid, long> estimates)
    {
        var lines = current.Select(run => (run.RunId, Line: LineOf(run, estimates[run.RunId]))).ToList();
        if (redraw)
        {
            if (_drawnLines > 0) output.Write($"\u001b[{_drawnLines}A");
            foreach (var (_, line) in lines) output.WriteLine($"\u001b[2K{line}");
            _drawnLines = lines.Count;
            return;
        }

        foreach (var (runId, line) in lines)
        {
            if (_lastLines.GetValueOrDefault(runId) == line) continue;
            _lastLines[runId] = line;
            output.WriteLine(line);
        }
    }

    private static string LineOf(SyncRun run, long estimatedRows)
    {
        var read = run.Sources.Sum(s => s.RowsRead);
        var done = run.State == RunStates.Succeeded ? 1.0 : estimatedRows > 0 ? Math.Min(1.0, (double)read / estimatedRows) : 0.0;
        var filled = (int)Math.Round(done * BarWidth);
        var counts = string.Join(", ", run.Sources.GroupBy(s => s.ResourceType).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Written)}")));
        var state = run.State switch
        {
            RunStates.Running => run.Slices > 1 ? $"running (slice {run.Slices})" : "running",
            RunStates.Deferred => $"deferred: {run.FailureReason}",
            RunStates.Failed => $"failed at {run.FailureStage}: {run.FailureReason}",
            _ => run.State,
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{run.Request.TenantId.Value,-16} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done * 100,3:0}%  {state}{(counts.Length > 0 ? $"  written: {counts}" : string.Empty)}");
    }
}
