using System.CommandLine;
using FhirSync.Publisher.Messaging;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync reconcile</c>: sync tenants, then hold every source's keys against their sinks (hard deletes, missing resources).</summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var tenants = new Option<string[]>("--tenant") { Description = "Tenant to reconcile (repeatable)", AllowMultipleArgumentsPerToken = true, Required = true };
        var wait = new Option<bool>("--wait") { Description = "Wait for each run's outcome and print its counts" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 600 };
        var command = new Command("reconcile", "Request a reconciliation: a sync, then resources whose row is gone are deleted and rows the sink lacks are counted missing")
        {
            tenants, wait, timeout,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            await using var client = await SyncRequestClient.ConnectAsync(host.BrokerUrl(), Console.WriteLine, cancellationToken);
            var runs = new List<(string Tenant, Task<SyncOutcome> Outcome)>();
            foreach (var tenant in parse.GetValue(tenants) ?? [])
            {
                runs.Add((tenant, await client.ReconcileAsync(tenant, "cli", TimeProvider.System, cancellationToken)));
                Console.WriteLine($"{tenant}: reconciliation requested");
            }

            return parse.GetValue(wait) ? await SyncReport.WaitAndPrintAsync(runs, parse.GetValue(timeout), cancellationToken) : 0;
        }));
        return command;
    }
}
