namespace FhirSync.Worker.Sinks;

/// <summary>A resource a tenant's store holds for one source table: its id and the source key of its <c>urn:fhirsync</c> identifier.</summary>
internal sealed record HeldResource(string Id, string SourceKey);
