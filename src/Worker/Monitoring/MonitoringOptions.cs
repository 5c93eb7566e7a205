using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Monitoring;

/// <summary>Where the worker answers health and metrics requests, and where it may send traces.</summary>
internal sealed class MonitoringOptions : IValidatableObject
{
    public const string Section = "Monitoring";

    /// <summary>Kestrel URLs (';' between several) for /health/live, /health/ready and /metrics; empty: no listener.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9464";

    /// <summary>An OTLP collector for traces and metrics; empty: none.</summary>
    public string? OtlpEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"{Section}:Urls: '{url}' is not an http(s) URL", [nameof(Urls)]);
        }

        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
            yield return new ValidationResult($"{Section}:OtlpEndpoint is not an absolute URL", [nameof(OtlpEndpoint)]);
    }
}
