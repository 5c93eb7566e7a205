using System.Diagnostics;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>Restarts the real RabbitMQ application (the Erlang node stays up), as an upgrade or a crash of the broker would.</summary>
internal static class BrokerControl
{
    public static async Task RestartAsync()
    {
        await RabbitMqCtlAsync("stop_app");
        await RabbitMqCtlAsync("start_app");
        await RabbitMqCtlAsync("await_startup");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "rabbitmqctl" : "sudo", asRoot ? [command] : ["-n", "rabbitmqctl", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl could not be started");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {command} exited with {process.ExitCode}: {await error}");
    }
}
