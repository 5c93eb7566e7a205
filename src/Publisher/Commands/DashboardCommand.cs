using System.CommandLine;
using FhirSync.Publisher.Dashboard;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync dashboard</c>: the operators' status page (docs/operations.md, Dashboard). It has no login.</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated; loopback unless a proxy guards it", DefaultValueFactory = _ => "http://127.0.0.1:8090" };
        var command = new Command("dashboard", "Serve the status page: tenants, runs, lag, breakers, errors, queues and usage") { urls };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            await using var app = await DashboardHost.BuildAsync(parse.GetValue(urls)!, cancellationToken);
            await app.RunAsync();
            return 0;
        }));
        return command;
    }
}
