namespace FhirSync.Worker.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Also fire every enabled tenant's job once at start (demos and tests), besides its cron.</summary>
    public bool RequestOnStart { get; set; }
}
