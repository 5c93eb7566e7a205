using System.ComponentModel.DataAnnotations;

namespace FhirSync.Publisher.Http;

/// <summary>The HTTP intake's token rules (section <c>Intake</c>); checked at start by <see cref="IntakeOptionsValidator"/>.</summary>
internal sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The OIDC issuer; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>, its keys from the JWKS named there.</summary>
    [Required(ErrorMessage = "Intake:Authority is required: the OIDC issuer whose tokens the intake accepts (e.g. https://keycloak.example/realms/fhirsync)")]
    public Uri? Authority { get; set; }

    /// <summary>The <c>aud</c> every accepted token must carry.</summary>
    [Required(ErrorMessage = "Intake:Audience is required: the audience (resource indicator) tokens for the intake are issued for")]
    public string? Audience { get; set; }

    /// <summary>Refuse an http (not https) authority; off only for a local test provider.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerance on <c>exp</c> and <c>nbf</c> for clocks that drift.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest time between two refetches of the metadata and keys that an unknown signing key (<c>kid</c>) asks for.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the metadata and keys are refetched anyway, so a rotation is seen even before a token uses the new key.</summary>
    public TimeSpan MetadataAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a request waits for the broker to confirm its <c>SyncRequested</c> before it is answered 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
