using System.ComponentModel.DataAnnotations;

namespace FhirSync.ControlPlane.ControlDatabase;

/// <summary>Connection to the control database that holds the tenant registry (never tenant data).</summary>
public sealed class ControlDatabaseOptions
{
    public const string Section = "ControlDatabase";

    [Required(ErrorMessage = "ControlDatabase:ConnectionString is required")]
    public string ConnectionString { get; set; } = string.Empty;
}
