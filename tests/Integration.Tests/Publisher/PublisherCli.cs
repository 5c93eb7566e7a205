using System.CommandLine;
using FhirSync.Publisher.Commands;

namespace FhirSync.Integration.Tests.Publisher;

/// <summary>
/// Runs <c>fhirsync</c> commands in-process through System.CommandLine, as Program.cs does, configured only by the
/// FHIRSYNC_ variables a real invocation reads. Console and the environment are process-wide, so this is for tests in
/// the real services collection, which xunit runs one at a time; both are restored afterwards.
/// </summary>
internal static class PublisherCli
{
    private static readonly string[] ForwardedSettings = ["ControlDatabase:", "Secrets:", "RabbitMq:Url"];

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args) =>
        RunAsync(settings, new Dictionary<string, string?>(), args);

    /// <summary>Runs with more <paramref name="environment"/> variables for this run only, such as the ones <c>tenant add</c> reads secrets from.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var variables = settings.Where(setting => ForwardedSettings.Any(prefix => setting.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(setting => $"FHIRSYNC_{setting.Key.Replace(":", "__", StringComparison.Ordinal)}", setting => setting.Value);
        foreach (var (name, value) in environment) variables[name] = value;
        var previous = variables.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        var (consoleOut, consoleError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(name, value);
            Console.SetOut(output);
            Console.SetError(error);
            var root = new RootCommand { TenantCommands.Create(), MappingCommands.Create(), KeyCommands.Create(), WatermarkCommands.Create(), ErrorCommands.Create(),
                ReconcileCommand.Create(), ReportCommand.Create(), SyncCommand.Create(), RunsCommands.Create(), UsageCommand.Create() };
            var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(consoleOut);
            Console.SetError(consoleError);
            foreach (var (name, value) in previous) Environment.SetEnvironmentVariable(name, value);
        }
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}
