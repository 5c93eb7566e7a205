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

    /// <summary>How long a run waits for another run of the same tenant to release its NDJSON folder before failing (transiently).</summary>
    [Range(1, 3_600, ErrorMessage = "Sinks:NdjsonLockWaitSeconds must be between 1 and 3600")]
    public int NdjsonLockWaitSeconds { get; set; } = 300;
}
