namespace FhirSync.Worker.Sinks;

/// <summary>A resource the store refused on its own, after its bundle was split to isolate it: its id, the status and the OperationOutcome issue codes (never diagnostics text).</summary>
internal sealed record SinkRejection(string ResourceId, int StatusCode, string IssueCodes);
