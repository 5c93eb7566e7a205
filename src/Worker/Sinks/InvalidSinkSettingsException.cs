namespace FhirSync.Worker.Sinks;

/// <summary>A tenant's sink settings cannot be used. Not retried: an operator must fix the registration.</summary>
internal sealed class InvalidSinkSettingsException(string tenantId, string problem)
    : Exception($"the sink settings of tenant '{tenantId}' are invalid: {problem}");
