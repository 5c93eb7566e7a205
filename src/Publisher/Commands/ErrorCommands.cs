using System.CommandLine;
using FhirSync.Publisher.Messaging;
using RabbitMQ.Client.Exceptions;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync errors list|replay</c>: the sync and reconcile requests that failed for good, and sending them back once fixed.</summary>
internal static class ErrorCommands
{
    public static Command Create() =>
        new("errors", $"Inspect and replay the requests in {string.Join(" and ", ErrorQueue.WorkQueues.Select(ErrorQueue.NameOf))}") { List(), Replay() };

    private static Command List()
    {
        var max = MaxOption();
        var command = new Command("list", "List failed requests without taking them off their queues") { max };
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
        var command = new Command("replay", "Send failed requests back to their work queues, without their fault headers") { max, tenant, all };
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
            Console.WriteLine($"{visited.Count(v => v.Replayed)} replayed, {visited.Count(v => !v.Replayed)} left in the error queues");
            return 0;
        }));
        return command;
    }

    private static Option<int> MaxOption() => new("--max") { Description = "At most this many messages per queue", DefaultValueFactory = _ => 1000 };

    private static async Task<IReadOnlyList<(string Queue, DeadLetter Letter, bool Replayed)>> VisitAsync(int max, Func<DeadLetter, bool> replay, CancellationToken cancellationToken)
    {
        using var host = await PublisherServices.StartAsync(cancellationToken);
        var visited = new List<(string, DeadLetter, bool)>();
        foreach (var workQueue in ErrorQueue.WorkQueues)
        {
            try
            {
                await using var queue = await ErrorQueue.ConnectAsync(host.BrokerUrl(), workQueue, cancellationToken);
                visited.AddRange((await queue.VisitAsync(max, replay, cancellationToken)).Select(v => (queue.Name, v.Letter, v.Replayed)));
            }
            catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
            {
                // Nothing of that kind ever failed: the broker has no such error queue yet.
            }
        }

        return visited;
    }

    private static void Print(IReadOnlyList<(string Queue, DeadLetter Letter, bool Replayed)> visited)
    {
        Console.WriteLine($"{"tenant",-20} {"run",-36} {"failed (UTC)",-19} {"replayed",-8} {"queue",-37} reason");
        foreach (var (queue, letter, replayed) in visited)
            Console.WriteLine($"{letter.TenantId,-20} {letter.RunId?.ToString() ?? "-",-36} {letter.FaultedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "-",-19} {(replayed ? "yes" : "no"),-8} {queue,-37} {letter.Reason}");
    }
}
