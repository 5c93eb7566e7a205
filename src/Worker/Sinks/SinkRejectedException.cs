namespace FhirSync.Worker.Sinks;

/// <summary>
/// The tenant's store refused a write. Carries the status and the OperationOutcome issue codes, never the
/// server's diagnostics text, which may quote resource values.
/// </summary>
internal sealed class SinkRejectedException(string tenantId, int statusCode, string detail, bool transient)
    : Exception($"the FHIR store of tenant '{tenantId}' answered {statusCode}: {detail}")
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Worth retrying (5xx, 429) rather than a refusal of the content (4xx).</summary>
    public bool IsTransient { get; } = transient;
}
