namespace FhirSync.Worker.Consumers;

/// <summary>The queues runs come from. On-demand and scheduled syncs have their own, so neither waits behind the other.</summary>
internal static class SyncQueues
{
    /// <summary>On-demand syncs: bound to the SyncRequested exchange that .NET systems and the CLI publish to.</summary>
    public const string OnDemand = "fhirsync-sync-requested";

    /// <summary>The tenants' schedules send here; nothing else is bound to it.</summary>
    public const string Scheduled = "fhirsync-sync-scheduled";

    /// <summary>Plain JSON requests from any AMQP client, each carrying its sender's RabbitMQ user in user_id.</summary>
    public const string Intake = "fhirsync-sync-intake";

    /// <summary>Header of a run's next slice: its number, 2 and up.</summary>
    public const string SliceHeader = "FhirSync-Slice";

    /// <summary>Header of a run's next slice: the index, among the run's sources, it starts with (the earlier ones are done).</summary>
    public const string SliceSourceHeader = "FhirSync-Slice-Source";

    /// <summary>Where a run's next slice waits: at the end of the queue its kind of run came from.</summary>
    public static string NextSliceQueueOf(Uri inputAddress) =>
        inputAddress.AbsolutePath.TrimEnd('/').EndsWith('/' + Scheduled, StringComparison.Ordinal) ? Scheduled : OnDemand;
}
