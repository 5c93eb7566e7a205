using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Breakers;

/// <summary>
/// Per-tenant circuit breakers. Tuned for tenants that make few calls: a nightly tenant makes one run and a couple of
/// retries, so two failed runs out of two within the sampling window open its breaker.
/// </summary>
public sealed class BreakerOptions
{
    public const string Section = "Breakers";

    /// <summary>Share of failed runs in the window that opens a breaker.</summary>
    [Range(0.01, 1.0, ErrorMessage = "Breakers:FailureRatio must be between 0.01 and 1")]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Runs in the window before the ratio counts (Polly's minimum is 2).</summary>
    [Range(2, 1_000, ErrorMessage = "Breakers:MinimumThroughput must be between 2 and 1000")]
    public int MinimumThroughput { get; set; } = 2;

    /// <summary>How far back failures count.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Breakers:SamplingDuration must be between 1 second and 1 day")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an open breaker refuses the tenant's runs before letting one through to test.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Breakers:BreakDuration must be between 1 second and 1 day")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Breakers kept at most; past it, the least recently used closed ones are forgotten.</summary>
    [Range(16, 1_000_000, ErrorMessage = "Breakers:MaxTracked must be between 16 and 1000000")]
    public int MaxTracked { get; set; } = 10_000;
}
