using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Tenancy;

/// <summary>How long a resolved tenant is reused (section <c>TenantCache</c>); a TenantConfigChanged event drops it sooner.</summary>
public sealed class TenantCacheOptions
{
    public const string Section = "TenantCache";

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "TenantCache:Ttl must be between 0 and 1 day")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);
}
