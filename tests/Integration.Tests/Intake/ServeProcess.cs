using System.Diagnostics;
using System.Net;
using System.Text;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// <c>fhirsync serve</c> (or another command that serves HTTP, such as <c>dashboard</c>) as an operator runs it: the
/// built fhirsync.dll in its own process on a free port, configured only through FHIRSYNC_ variables. Its output is
/// kept, so a test can check it never printed a secret.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _command;
    private readonly string _probePath;
    private readonly HttpStatusCode _ready;

    private ServeProcess(Process process, StringBuilder output, Uri address, string command, string probePath, HttpStatusCode ready)
    {
        _process = process;
        _output = output;
        Address = address;
        _command = command;
        _probePath = probePath;
        _ready = ready;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(settings, "serve", $"/tenants/probe/syncs/{Guid.Empty}", HttpStatusCode.Unauthorized);

    /// <summary>Starts <c>fhirsync {command}</c> and asks <c>probePath</c> until it answers <c>ready</c>: then the command is up.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, string command, string probePath, HttpStatusCode ready)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Publisher", "bin", "Release", "net10.0", "fhirsync.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution in Release first");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet", [dll, command, "--urls", address.ToString().TrimEnd('/')])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment["FHIRSYNC_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var output = new StringBuilder();
        var serve = new ServeProcess(ChildProcessOutput.Start(start, output), output, address, command, probePath, ready);
        await Eventually.TrueAsync(serve.AnswersAsync, $"fhirsync {command} to answer", TimeSpan.FromSeconds(30));
        return serve;
    }

    private async Task<bool> AnswersAsync()
    {
        if (_process.HasExited) Assert.Fail($"fhirsync {_command} exited with {_process.ExitCode}:\n{Output}");
        using var http = new HttpClient { BaseAddress = Address };
        try
        {
            using var response = await http.GetAsync(_probePath);
            return response.StatusCode == _ready;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
