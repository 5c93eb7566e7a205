using System.CommandLine;
using FhirSync.Contracts.V1;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Messaging;
using FhirSync.Publisher.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync sync</c>: request syncs, optionally wait for them with live progress, and print their outcome.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var tenants = new Option<string[]>("--tenant") { Description = "Tenant to sync (repeatable)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Sync every enabled tenant" };
        var resources = new Option<string[]>("--resource") { Description = "Only this FHIR resource type (repeatable); default every mapped type", AllowMultipleArgumentsPerToken = true };
        var wait = new Option<bool>("--wait") { Description = "Follow each run with a progress line until it ends, then print its figures" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 600 };
        var full = new Option<bool>("--full") { Description = "Read every row, ignoring and then replacing the tenants' watermarks" };
        var command = new Command("sync", "Request a sync of tenants through the broker") { tenants, all, resources, wait, timeout, full };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var registry = host.Services.GetRequiredService<TenantRegistry>();
            var targets = parse.GetValue(all)
                ? (await registry.ListAsync(enabledOnly: true, cancellationToken)).Select(t => t.TenantId).ToList()
                : [.. (parse.GetValue(tenants) ?? []).Select(TenantId.Parse)];
            if (targets.Count == 0)
            {
                await Console.Error.WriteLineAsync("error: name tenants with --tenant, or use --all");
                return 2;
            }

            var store = host.Services.GetRequiredService<RunStore>();
            var clock = host.Services.GetRequiredService<TimeProvider>();
            var types = parse.GetValue(resources) is { Length: > 0 } named ? named : null;
            await using var client = await SyncRequestClient.ConnectAsync(host.BrokerUrl(), _ => { }, cancellationToken);
            var runIds = new List<Guid>(targets.Count);
            foreach (var tenant in targets)
            {
                var request = new RunRequest(Guid.NewGuid(), tenant, RunKinds.Sync, "cli", parse.GetValue(full), types, clock.GetUtcNow());
                // Recorded first, so the run is listed (queued) from the moment it is asked for.
                await store.RecordRequestedAsync(request, cancellationToken);
                await client.PublishAsync(new SyncRequested
                {
                    TenantId = tenant.Value, RunId = request.RunId, RequestedAt = request.RequestedAt, Origin = request.Origin, FullResync = request.FullResync,
                    ResourceTypes = types,
                }, cancellationToken);
                runIds.Add(request.RunId);
                Console.WriteLine($"{tenant.Value}: sync requested (run {request.RunId})");
            }

            if (!parse.GetValue(wait)) return 0;
            var watch = new RunWatch(store, host.Services.GetRequiredService<ReconciliationStore>(), clock, Console.Out, redraw: !Console.IsOutputRedirected);
            var ended = await watch.WaitAsync(runIds, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            Console.WriteLine();
            foreach (var run in ended) RunTable.PrintOutcome(Console.Out, run);
            if (ended.Any(run => !run.Finished)) await Console.Error.WriteLineAsync($"error: not every run finished within {parse.GetValue(timeout)} s");
            return ended.All(run => run.State == RunStates.Succeeded) ? 0 : 1;
        }));
        return command;
    }
}
