using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Usage;

public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>How often stored but unpublished usage events are published again.</summary>
    [Range(1, 3_600, ErrorMessage = "Usage:RelayIntervalSeconds must be between 1 and 3600")]
    public int RelayIntervalSeconds { get; set; } = 30;
}
