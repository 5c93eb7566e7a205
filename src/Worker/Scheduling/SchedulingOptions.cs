using System.ComponentModel.DataAnnotations;
using Quartz;

namespace FhirSync.Worker.Scheduling;

public sealed class SchedulingOptions : IValidatableObject
{
    public const string Section = "Scheduling";

    /// <summary>Also fire every enabled tenant's job once at start (demos and tests), besides its cron.</summary>
    public bool RequestOnStart { get; set; }

    /// <summary>
    /// When every enabled tenant's reconciliation pass runs (hard deletes found, missing resources counted), a Quartz
    /// cron in the tenant's own time zone. Weekly by default, Sunday 03:00; empty turns scheduled passes off.
    /// </summary>
    public string? ReconcileCron { get; set; } = "0 0 3 ? * SUN";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ReconcileCron) && !CronExpression.IsValidExpression(ReconcileCron))
            yield return new ValidationResult("Scheduling:ReconcileCron is not a valid Quartz cron expression", [nameof(ReconcileCron)]);
    }
}
