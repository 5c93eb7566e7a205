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

    /// <summary>
    /// How long a run counts as young: while any run in this worker is, older runs give way before each page
    /// (<see cref="YieldMilliseconds"/>), so small on-demand syncs are not slowed by a large one. 0: no priority.
    /// </summary>
    [Range(0, 3_600, ErrorMessage = "Runs:YoungRunSeconds must be between 0 and 3600")]
    public int YoungRunSeconds { get; set; } = 2;

    /// <summary>The longest an older run waits for young ones before a page; it then goes on beside them. 0: never waits.</summary>
    [Range(0, 60_000, ErrorMessage = "Runs:YieldMilliseconds must be between 0 and 60000")]
    public int YieldMilliseconds { get; set; } = 1_000;
}
