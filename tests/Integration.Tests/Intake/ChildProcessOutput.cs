using System.Diagnostics;
using System.Text;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>Starts a child process whose stdout and stderr lines are kept, for a failure message or a leak check.</summary>
internal static class ChildProcessOutput
{
    public static Process Start(ProcessStartInfo start, StringBuilder output)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started");
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
