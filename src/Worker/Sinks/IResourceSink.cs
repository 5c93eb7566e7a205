using Resource = Hl7.Fhir.Model.Resource;

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

    Task WriteAsync(string resourceType, IReadOnlyList<Resource> resources, CancellationToken cancellationToken);

    Task CompleteAsync(CancellationToken cancellationToken);
}
