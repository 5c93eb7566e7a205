using System.Diagnostics;
using System.Text.Json.Nodes;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Deployment;

/// <summary>What one command printed and how it ended.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>
/// Debian's docker-compose (1.29, Python) on the repository's docker-compose.yml with .env.example as its env file.
/// It needs no Docker engine to render the file; variables given here win over the env file, as a shell's would.
/// </summary>
internal static class ComposeCli
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public static Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        var start = new ProcessStartInfo(RequireExecutable()) { WorkingDirectory = RepositoryRoot.Path };
        string[] project =
        [
            "--project-directory", RepositoryRoot.Path,
            "--env-file", Path.Combine(RepositoryRoot.Path, ".env.example"),
            "-f", Path.Combine(RepositoryRoot.Path, "docker-compose.yml"),
        ];
        foreach (var argument in project.Concat(arguments)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in variables) start.Environment[name] = value;
        return RunAsync(start, input: null);
    }

    /// <summary>
    /// The YAML that <c>docker-compose config</c> printed, as JSON. docker-compose 1.x has no JSON output, and the
    /// test project no YAML reader; the Python that runs docker-compose always has PyYAML (its own dependency).
    /// </summary>
    public static async Task<JsonObject> YamlToJsonAsync(string yaml)
    {
        var python = File.ReadLines(RequireExecutable()).First().TrimStart('#', '!').Trim();
        var start = new ProcessStartInfo(python) { ArgumentList = { "-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)" } };
        var result = await RunAsync(start, yaml);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{python} could not turn the YAML into JSON: {result.Error}");
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    private static string RequireExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "docker-compose"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "docker-compose is not installed, so docker-compose.yml cannot be checked: run scripts/setup-services.sh, which installs " +
            "the Debian package (apt-get install --no-install-recommends docker-compose)");

    private static async Task<CommandResult> RunAsync(ProcessStartInfo start, string? input)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }
}
