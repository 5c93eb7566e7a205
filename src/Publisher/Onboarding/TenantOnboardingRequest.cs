using FhirSync.ControlPlane.Tenants;

namespace FhirSync.Publisher.Onboarding;

internal sealed class TenantOnboardingRequest
{
    public required string TenantId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Secret; a class, not a record, so it is never printed whole.</summary>
    public required string SourceConnectionString { get; init; }

    public required string MappingDocument { get; init; }

    public required SinkSettings Sink { get; init; }

    /// <summary>Secret: the bearer token of a fhir sink, or null when the store needs none.</summary>
    public string? SinkToken { get; init; }

    public string ScheduleCron { get; init; } = "0 0 2 * * ?";

    public string ScheduleTimeZone { get; init; } = "UTC";

    public bool Enabled { get; init; } = true;
}
