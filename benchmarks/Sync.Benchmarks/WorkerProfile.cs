using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// A CPU-sampling trace of the worker (dotnet-trace, the repository's local tool) around one piece of work, summarised as
/// the methods with the most samples: exclusive (where the CPU was) and inclusive (which callers it was under).
/// </summary>
internal static partial class WorkerProfile
{
    /// <summary>
    /// Traces <paramref name="workerId"/> for <paramref name="duration"/> while <paramref name="work"/> runs; null when the
    /// tool is not installed. dotnet-trace samples thread time, every thread whether running or blocked; the summary
    /// drops the frames where threads wait and gives each method's share of the samples left, which is close to CPU time.
    /// </summary>
    public static async Task<ProfileSummary?> TraceAsync(string repositoryRoot, int workerId, TimeSpan duration, string traceFile, Func<Task> work, TextWriter log,
        CancellationToken cancellationToken)
    {
        // A duration, not a key press: a background shell starts its children with SIGINT ignored, and stdin is no console.
        var limit = TimeSpan.FromSeconds(Math.Ceiling(duration.TotalSeconds));
        using var collect = Start(repositoryRoot, $"dotnet-trace collect -p {workerId} --profile dotnet-sampled-thread-time --duration {limit:dd\\:hh\\:mm\\:ss} -o \"{traceFile}\"");
        if (collect is null)
        {
            log.WriteLine("[bench] dotnet-trace is not available (dotnet tool restore): no profile");
            await work();
            return null;
        }

        var countersFile = Path.ChangeExtension(traceFile, ".counters.csv");
        using var counters = Start(repositoryRoot, $"dotnet-counters collect -p {workerId} --counters System.Runtime --duration {limit:dd\\:hh\\:mm\\:ss} --format csv -o \"{countersFile}\"");
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the sessions start before the work does
        await work();
        await collect.WaitForExitAsync(cancellationToken);
        if (counters is not null) await counters.WaitForExitAsync(cancellationToken);
        if (!File.Exists(traceFile)) return null;
        var exclusive = await TopAsync(repositoryRoot, traceFile, inclusive: false);
        var inclusive = await TopAsync(repositoryRoot, traceFile, inclusive: true);
        var busy = 100 - exclusive.Where(line => IsWaiting(line.Method)).Sum(line => line.ExclusivePercent);
        // A thread's entry point holds every sample of its thread, waiting or not: no figure of the busy share.
        var entryPoints = exclusive.Where(line => line.InclusivePercent > busy).Select(line => line.Method).ToHashSet();
        return new ProfileSummary(busy, Busy(exclusive.Where(line => !IsWaiting(line.Method) && !entryPoints.Contains(line.Method)), busy),
            Busy(inclusive.Where(line => IsOurs(line.Method)), busy), File.Exists(countersFile) ? RuntimeCounters.Read(countersFile) : null);
    }

    private static List<ProfileLine> Busy(IEnumerable<ProfileLine> lines, double busy) =>
        [.. lines.Select(line => line with { InclusivePercent = 100 * line.InclusivePercent / busy, ExclusivePercent = 100 * line.ExclusivePercent / busy })];

    private static bool IsWaiting(string method) => WaitFrame().IsMatch(method);

    // The pipeline's own code and the libraries it spends its time in, not the thread pool's or the runtime's plumbing.
    // An async method shows three times, as its state machine and twice as the box that runs it: the box's rows go.
    private static bool IsOurs(string method) => OurFrame().IsMatch(method) && !method.Contains("].MoveNext", StringComparison.Ordinal)
        && !method.Contains("ExecutionContextCallback", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<ProfileLine>> TopAsync(string repositoryRoot, string traceFile, bool inclusive)
    {
        using var report = Start(repositoryRoot, $"dotnet-trace report \"{traceFile}\" topN -n 400{(inclusive ? " --inclusive" : "")}")!;
        var text = await report.StandardOutput.ReadToEndAsync();
        await report.WaitForExitAsync();
        return [.. text.Split('\n').Select(line => TopLine().Match(line)).Where(match => match.Success)
            .Select(match => new ProfileLine(match.Groups["method"].Value.Trim(), Percent(match, "inclusive"), Percent(match, "exclusive")))];
    }

    private static double Percent(Match match, string group) =>
        double.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static Process? Start(string repositoryRoot, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            var process = Process.Start(info);
            // Its progress goes to stderr, drained so the tool never blocks on a full pipe.
            _ = process?.StandardError.ReadToEndAsync();
            return process;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // "3. fhirsync!Program+<<Main>$>d__0.MoveNext()    85.47%    3.65%": a row of dotnet-trace report, inclusive then exclusive.
    [GeneratedRegex(@"^\s*\d+\.\s+(?<method>.+?)\s+(?<inclusive>\d+(\.\d+)?)%\s+(?<exclusive>\d+(\.\d+)?)%")]
    private static partial Regex TopLine();

    [GeneratedRegex(@"Wait|Sleep|Semaphore|Sys\.Read\(|Sys\.Poll|epoll|SocketEvents")]
    private static partial Regex WaitFrame();

    [GeneratedRegex(@"FhirSync|Hl7|Fhir|MySql|Json|Mapper|Writer|Sink|Runner|Store|Usage|Lineage|Serializ|MassTransit|RabbitMQ")]
    private static partial Regex OurFrame();
}

/// <summary>The top methods of a profile, by exclusive and by inclusive share of the samples where threads were not waiting (<see cref="BusyPercent"/> of all).</summary>
internal sealed record ProfileSummary(double BusyPercent, IReadOnlyList<ProfileLine> Exclusive, IReadOnlyList<ProfileLine> Inclusive, RuntimeCounters? Counters);

/// <summary>A method (as dotnet-trace names it, cut at about 70 characters) and its share of the samples.</summary>
internal sealed record ProfileLine(string Method, double InclusivePercent, double ExclusivePercent);
