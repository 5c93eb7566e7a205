using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using FhirSync.Mapping.Compilation;
using MassTransit;

namespace FhirSync.Sync.Benchmarks;

/// <summary>One source row on the broker, each value as text with its type, as a naive row-per-message design sends it.</summary>
public sealed record NaiveRow
{
    public required string ResourceType { get; init; }

    public required string?[] Values { get; init; }

    public required string Types { get; init; }
}

/// <summary>
/// The design FhirSync avoids, in the same harness: every row published as its own message through RabbitMQ
/// (MassTransit, the same broker), and every resource written with its own <c>PUT {Type}/{id}</c>. The consumer maps
/// with the same compiled mapper; sixteen messages are handled at once.
/// </summary>
internal sealed class NaivePipeline(Uri brokerUrl, Uri fhirBase, HttpClient http)
{
    private const string Queue = "bench-naive-rows";

    public async Task<TimeSpan> RunAsync(IReadOnlyList<(CompiledResourceMapper Mapper, IReadOnlyList<object?[]> Rows)> sources, CancellationToken cancellationToken)
    {
        var mappers = sources.ToDictionary(source => source.Mapper.ResourceType, source => source.Mapper);
        var total = sources.Sum(source => source.Rows.Count);
        var done = 0;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(brokerUrl);
            rabbit.ReceiveEndpoint(Queue, endpoint =>
            {
                endpoint.PrefetchCount = 32;
                endpoint.ConcurrentMessageLimit = 16;
                endpoint.Handler<NaiveRow>(async context =>
                {
                    try
                    {
                        await PutAsync(mappers[context.Message.ResourceType], context.Message, context.CancellationToken);
                        if (Interlocked.Increment(ref done) == total) finished.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        finished.TrySetException(ex);
                        throw;
                    }
                });
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + Queue));
            var clock = Stopwatch.StartNew();
            foreach (var (mapper, rows) in sources)
            {
                foreach (var row in rows) await endpoint.Send(Message(mapper.ResourceType, row), cancellationToken);
            }

            await finished.Task.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken);
            return clock.Elapsed;
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private async Task PutAsync(CompiledResourceMapper mapper, NaiveRow message, CancellationToken cancellationToken)
    {
        var resource = mapper.Map(Row(message)).Resource;
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), MachineLimits.FhirJson));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using var response = await http.PutAsync(new Uri(fhirBase, $"{mapper.ResourceType}/{resource.Id}"), content, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT {mapper.ResourceType} refused: {(int)response.StatusCode}");
    }

    private static NaiveRow Message(string resourceType, object?[] row)
    {
        var values = new string?[row.Length];
        var types = new char[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            (types[i], values[i]) = row[i] switch
            {
                int number => ('i', number.ToString(CultureInfo.InvariantCulture)),
                long number => ('l', number.ToString(CultureInfo.InvariantCulture)),
                decimal number => ('m', number.ToString(CultureInfo.InvariantCulture)),
                bool flag => ('b', flag ? "1" : "0"),
                sbyte small => ('y', small.ToString(CultureInfo.InvariantCulture)),
                DateTime time => ('d', time.ToString("O", CultureInfo.InvariantCulture)),
                string text => ('s', text),
                _ => ('n', null),
            };
        }

        return new NaiveRow { ResourceType = resourceType, Values = values, Types = new string(types) };
    }

    private static object?[] Row(NaiveRow message)
    {
        var row = new object?[message.Values.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var text = message.Values[i];
            row[i] = message.Types[i] switch
            {
                'i' => int.Parse(text!, CultureInfo.InvariantCulture),
                'l' => long.Parse(text!, CultureInfo.InvariantCulture),
                'm' => decimal.Parse(text!, CultureInfo.InvariantCulture),
                'b' => text == "1",
                'y' => sbyte.Parse(text!, CultureInfo.InvariantCulture),
                'd' => DateTime.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                's' => text,
                _ => DBNull.Value,
            };
        }

        return row;
    }
}
