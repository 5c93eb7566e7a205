using FhirSync.ControlPlane.ApiKeys;

namespace FhirSync.Publisher.Onboarding;

/// <summary>What onboarding found and issued: the login reached, warnings for the operator, and a first API key for a new tenant.</summary>
internal sealed record TenantOnboardingResult(string SourceLogin, bool Added, IReadOnlyList<string> Warnings, IssuedApiKey? ApiKey);
