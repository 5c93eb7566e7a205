using System.Diagnostics;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>
/// The real worker as its own operating-system process (the built FhirSync.Worker.dll), configured through
/// <c>FHIRSYNC_</c> environment variables, so a fault can kill it with SIGKILL mid-run as a crash or an OOM kill would.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings, string logFile)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Worker", "bin", "Release", "net10.0", "FhirSync.Worker.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution in Release first");
        var start = new ProcessStartInfo("dotnet", [dll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Several processes run at once: each health and metrics listener on a port the system picks, unless the test chose one.
        start.Environment["FHIRSYNC_Monitoring__Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings) start.Environment["FHIRSYNC_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the worker could not be started");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgement, no flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a worker: it finishes its runs, then exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
