using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Runs;

public sealed class RunOptions
{
    public const string Section = "Runs";

    /// <summary>
    /// How long one slice of a sync may run before the rest goes back to the end of its queue as the next slice, so a
    /// tenant with millions of rows takes turns with the others and any worker may carry on. 0: never slice.
    /// Only runs into a FHIR store slice (each page is durable there, so each slice ends on an acknowledged watermark).
    /// </summary>
    [Range(0, 86_400, ErrorMessage = "Runs:SliceSeconds must be between 0 and 86400")]
    public int SliceSeconds { get; set; } = 120;
}
