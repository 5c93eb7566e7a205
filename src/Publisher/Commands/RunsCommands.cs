using System.CommandLine;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync runs list|show</c>: the runs the control database keeps, and one run's outcome.</summary>
internal static class RunsCommands
{
    /// <summary>Exit code of <c>runs show</c> for a run that failed or is still waiting to be retried.</summary>
    public const int NotSucceeded = 1;

    public static Command Create() => new("runs", "List runs, or show one run's outcome") { List(), Show() };

    private static Command List()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's runs" };
        var limit = new Option<int>("--limit") { Description = "How many of the newest runs", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "The newest runs, newest first: state, origin, time taken, slices and resources written") { tenant, limit };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            TenantId? only = parse.GetValue(tenant) is { } named ? TenantId.Parse(named) : null;
            using var host = await PublisherServices.StartAsync(cancellationToken);
            RunTable.PrintList(Console.Out, await host.Services.GetRequiredService<RunStore>().ListAsync(only, Math.Clamp(parse.GetValue(limit), 1, 1_000), cancellationToken));
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var run = new Option<Guid>("--run") { Description = "The run's id", Required = true };
        var command = new Command("show", "One run's state, timings and figures per source; exits 1 unless it succeeded") { run };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var store = host.Services.GetRequiredService<RunStore>();
            var found = await store.FindAsync(parse.GetValue(run), cancellationToken);
            if (found is null)
            {
                await Console.Error.WriteLineAsync($"error: run {parse.GetValue(run)} is not in the control database");
                return 2;
            }

            RunTable.PrintOutcome(Console.Out, found);
            if (found.CoalescedInto is { } into && await store.FindAsync(into, cancellationToken) is { } merged)
            {
                Console.WriteLine();
                RunTable.PrintOutcome(Console.Out, merged);
                found = merged;
            }

            return found.State == RunStates.Succeeded ? 0 : NotSucceeded;
        }));
        return command;
    }
}
