using System.CommandLine;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync sync</c>: request syncs and optionally wait for their outcome.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var tenants = new Option<string[]>("--tenant") { Description = "Tenant to sync (repeatable)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Sync every enabled tenant" };
        var wait = new Option<bool>("--wait") { Description = "Wait for each run's outcome and print its counts" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 600 };
        var full = new Option<bool>("--full") { Description = "Read every row, ignoring and then replacing the tenants' watermarks" };
        var command = new Command("sync", "Request a sync of tenants through the broker") { tenants, all, wait, timeout, full };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var targets = parse.GetValue(all)
                ? (await host.Services.GetRequiredService<TenantRegistry>().ListAsync(enabledOnly: true, cancellationToken)).Select(t => t.TenantId.Value).ToList()
                : (parse.GetValue(tenants) ?? []).ToList();
            if (targets.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: name tenants with --tenant, or use --all");
                return 2;
            }

            await using var client = await SyncRequestClient.ConnectAsync(host.BrokerUrl(), Console.WriteLine, cancellationToken);
            var runs = new List<(string Tenant, Task<SyncOutcome> Outcome)>();
            foreach (var tenant in targets)
            {
                runs.Add((tenant, await client.RequestAsync(tenant, "cli", parse.GetValue(full), TimeProvider.System, cancellationToken)));
                Console.WriteLine($"{tenant}: sync requested");
            }

            return parse.GetValue(wait) ? await SyncReport.WaitAndPrintAsync(runs, parse.GetValue(timeout), cancellationToken) : 0;
        }));
        return command;
    }
}
