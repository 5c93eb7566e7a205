namespace FhirSync.Publisher.Dashboard;

/// <summary>The <c>fhirsync-*</c> queues of FhirSync's virtual host, or why the management API could not say.</summary>
internal sealed record QueueStatus(string? Problem, IReadOnlyList<QueueDepth> Queues)
{
    public static QueueStatus Unavailable(string problem) => new(problem, []);
}

internal sealed record QueueDepth(string Name, long Ready, long Unacked, int Consumers)
{
    /// <summary>Where MassTransit moves what failed for good (<c>fhirsync errors list/replay</c>).</summary>
    public bool IsErrorQueue => Name.EndsWith("_error", StringComparison.Ordinal);
}
