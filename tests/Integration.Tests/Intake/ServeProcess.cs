using System.Diagnostics;
using System.Text;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// <c>fhirsync serve</c> as an operator runs it: the built fhirsync.dll in its own process on a free port, configured
/// only through FHIRSYNC_ variables. Its output is kept, so a test can check it never printed a secret.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServeProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
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

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Publisher", "bin", "Release", "net10.0", "fhirsync.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution in Release first");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--urls", address.ToString().TrimEnd('/')])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment["FHIRSYNC_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var output = new StringBuilder();
        var serve = new ServeProcess(ChildProcessOutput.Start(start, output), output, address);
        await Eventually.TrueAsync(serve.AnswersAsync, "fhirsync serve to answer", TimeSpan.FromSeconds(30));
        return serve;
    }

    private async Task<bool> AnswersAsync()
    {
        if (_process.HasExited) Assert.Fail($"fhirsync serve exited with {_process.ExitCode}:\n{Output}");
        using var http = new HttpClient { BaseAddress = Address };
        try
        {
            using var response = await http.GetAsync($"/tenants/probe/syncs/{Guid.Empty}");
            return response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
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
