using System.ComponentModel.DataAnnotations;

namespace FhirSync.Publisher.Dashboard;

/// <summary>What <c>fhirsync dashboard</c> reads besides the control database, and how far back it looks.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Root of the RabbitMQ management API (its HTTP port), for queue depths.</summary>
    [Required(ErrorMessage = "Dashboard:RabbitMqManagementUrl is required")]
    public Uri RabbitMqManagementUrl { get; set; } = new("http://127.0.0.1:15672/");

    /// <summary>Management API login; the user of <c>RabbitMq:Url</c> when not set.</summary>
    public string? RabbitMqUser { get; set; }

    /// <summary>Secret; the password of <c>RabbitMq:Url</c> when not set.</summary>
    public string? RabbitMqPassword { get; set; }

    /// <summary>How much history the usage chart shows.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Dashboard:UsageWindow must be between 1 hour and 90 days")]
    public TimeSpan UsageWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>One point of the usage chart per tenant and bucket.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Dashboard:UsageBucket must be between 1 minute and 1 day")]
    public TimeSpan UsageBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the page polls; viewers within one interval share one read of the control database.</summary>
    [Range(1, 3600, ErrorMessage = "Dashboard:RefreshSeconds must be between 1 and 3600")]
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>The newest runs read per tenant to find its current, last and last successful run.</summary>
    [Range(1, 1000, ErrorMessage = "Dashboard:RunsPerTenant must be between 1 and 1000")]
    public int RunsPerTenant { get; set; } = 50;

    /// <summary>Recent failed or deferred runs listed.</summary>
    [Range(1, 500, ErrorMessage = "Dashboard:RecentErrors must be between 1 and 500")]
    public int RecentErrors { get; set; } = 20;
}
