using System.CommandLine;
using FhirSync.Publisher.Http;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync serve</c>: the HTTP intake of sync requests (docs/http-intake.md).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Accept sync requests over HTTP from callers with a JWT or a tenant API key") { urls };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            await using var app = await IntakeHost.BuildAsync(parse.GetValue(urls)!, cancellationToken);
            await app.RunAsync();
            return 0;
        }));
        return command;
    }
}
