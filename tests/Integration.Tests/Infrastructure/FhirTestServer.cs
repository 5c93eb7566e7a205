using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// One instance of tools/fhir-test-server (Medplum's FHIR router over an in-memory repository) on a free port.
/// Each instance is its own FHIR store, so each tenant can get its own base.
/// </summary>
internal sealed partial class FhirTestServer : IAsyncDisposable
{
    private readonly Process _process;

    private FhirTestServer(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <param name="token">A bearer token every request but <c>GET metadata</c> must carry (401 without it); none when null.</param>
    /// <param name="maxHeapMegabytes">Node's heap limit, for runs that store millions of versions; Node's default when null.</param>
    public static async Task<FhirTestServer> StartAsync(string? token = null, int? maxHeapMegabytes = null)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tools", "fhir-test-server");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            throw new InvalidOperationException("tools/fhir-test-server has no node_modules: run scripts/setup-services.sh");

        string[] arguments = maxHeapMegabytes is { } heap ? [$"--max-old-space-size={heap}", "server.mjs", "--port", "0"] : ["server.mjs", "--port", "0"];
        var start = new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Through the environment rather than --token, so it is not in the process list.
        if (token is not null) start.Environment["FHIR_TEST_SERVER_TOKEN"] = token;
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                process.BeginErrorReadLine();
                _ = DrainAsync(process.StandardOutput);
                return new FhirTestServer(process, new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
            }
        }

        throw new InvalidOperationException($"the FHIR test server exited before listening: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Freezes the server process (SIGSTOP): connections are accepted by the kernel but never answered, like a hung store.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>Thaws a paused server (SIGCONT); its in-memory store is as it was.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
