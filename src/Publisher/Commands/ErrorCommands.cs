using System.CommandLine;
using FhirSync.Publisher.Messaging;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync errors list|replay</c>: the sync requests that failed for good, and sending them back once fixed.</summary>
internal static class ErrorCommands
{
    public static Command Create() => new("errors", $"Inspect and replay the requests in {ErrorQueue.Name}") { List(), Replay() };

    private static Command List()
    {
        var max = MaxOption();
        var command = new Command("list", "List failed requests without taking them off the queue") { max };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var visited = await VisitAsync(parse.GetValue(max), _ => false, cancellationToken);
            Print(visited);
            return 0;
        }));
        return command;
    }

    private static Command Replay()
    {
        var max = MaxOption();
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's requests" };
        var all = new Option<bool>("--all") { Description = "Every request (required without --tenant)" };
        var command = new Command("replay", $"Send failed requests back to {ErrorQueue.WorkQueue}, without their fault headers") { max, tenant, all };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var onlyTenant = parse.GetValue(tenant);
            if (onlyTenant is null && !parse.GetValue(all))
            {
                await Console.Error.WriteLineAsync("error: name a tenant with --tenant, or replay every request with --all");
                return 2;
            }

            var visited = await VisitAsync(parse.GetValue(max), letter => onlyTenant is null || letter.TenantId == onlyTenant, cancellationToken);
            Print(visited);
            Console.WriteLine($"{visited.Count(v => v.Replayed)} replayed, {visited.Count(v => !v.Replayed)} left in {ErrorQueue.Name}");
            return 0;
        }));
        return command;
    }

    private static Option<int> MaxOption() => new("--max") { Description = "At most this many messages", DefaultValueFactory = _ => 1000 };

    private static async Task<IReadOnlyList<(DeadLetter Letter, bool Replayed)>> VisitAsync(int max, Func<DeadLetter, bool> replay, CancellationToken cancellationToken)
    {
        using var host = await PublisherServices.StartAsync(cancellationToken);
        await using var queue = await ErrorQueue.ConnectAsync(host.BrokerUrl(), cancellationToken);
        return await queue.VisitAsync(max, replay, cancellationToken);
    }

    private static void Print(IReadOnlyList<(DeadLetter Letter, bool Replayed)> visited)
    {
        Console.WriteLine($"{"tenant",-20} {"run",-36} {"failed (UTC)",-19} {"replayed",-8} reason");
        foreach (var (letter, replayed) in visited)
            Console.WriteLine($"{letter.TenantId,-20} {letter.RunId?.ToString() ?? "-",-36} {letter.FaultedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "-",-19} {(replayed ? "yes" : "no"),-8} {letter.Reason}");
    }
}
