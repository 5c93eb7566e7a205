using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Sinks;

public sealed class SinkOptions
{
    public const string Section = "Sinks";

    /// <summary>Root folder of NDJSON output; each tenant writes only below its own folder here.</summary>
    [Required(ErrorMessage = "Sinks:NdjsonRoot is required")]
    public string NdjsonRoot { get; set; } = "output";

    /// <summary>Timeout of one transaction bundle POST to a FHIR server.</summary>
    [Range(1, 600, ErrorMessage = "Sinks:FhirRequestTimeoutSeconds must be between 1 and 600")]
    public int FhirRequestTimeoutSeconds { get; set; } = 100;
}
