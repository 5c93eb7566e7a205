namespace FhirSync.Worker.Sinks;

/// <summary>
/// A tenant's downstream store for one run. <see cref="WriteAsync"/> returns only once the page is durable there
/// (the acknowledgement that will let a watermark advance); <see cref="CompleteAsync"/> ends the run.
/// </summary>
internal interface IResourceSink : IAsyncDisposable
{
    /// <summary><c>ndjson</c> or <c>fhir</c>.</summary>
    string Kind { get; }

    /// <summary>Where the resources go: a folder or a FHIR base URL; safe to log and publish.</summary>
    string Location { get; }

    /// <summary>
    /// True when a page is durable in the store once <see cref="WriteAsync"/> returns (a FHIR transaction); false when
    /// nothing is published before <see cref="CompleteAsync"/> (an NDJSON swap). Watermarks advance accordingly.
    /// </summary>
    bool AcknowledgesEachPage { get; }

    /// <summary>Bytes of FHIR JSON sent to the store so far in this run (bundles, or NDJSON lines), for usage metering.</summary>
    long BytesSent { get; }

    /// <summary>
    /// Writes and deletes <paramref name="entries"/> of <paramref name="resourceType"/>. Returns the resources the store
    /// refused one by one (their content, not the store's state); every other entry is durable, or will be at the end.
    /// </summary>
    /// <exception cref="SinkRejectedException">The store refused the writes as such (down, overloaded, unauthorized, wrong address).</exception>
    Task<IReadOnlyList<SinkRejection>> WriteAsync(string resourceType, IReadOnlyList<SinkEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// The resources of <paramref name="resourceType"/> the store holds (or will publish at the end of this run) whose
    /// identifier has <paramref name="identifierSystem"/>, i.e. those made from one source table of this tenant.
    /// </summary>
    IAsyncEnumerable<HeldResource> HeldAsync(string resourceType, string identifierSystem, CancellationToken cancellationToken);

    Task CompleteAsync(CancellationToken cancellationToken);
}
