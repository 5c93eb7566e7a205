using System.ComponentModel.DataAnnotations;

namespace FhirSync.ControlPlane.Usage;

/// <summary>The price table (<c>Usage:Prices</c>): cost units per unit of each metered quantity.</summary>
public sealed class UsagePrices
{
    public const string Section = "Usage:Prices";

    [Range(0, 1_000_000, ErrorMessage = "Usage:Prices:RowRead must be between 0 and 1000000")]
    public decimal RowRead { get; set; } = 0.0001m;

    [Range(0, 1_000_000, ErrorMessage = "Usage:Prices:ResourceWritten must be between 0 and 1000000")]
    public decimal ResourceWritten { get; set; } = 0.001m;

    [Range(0, 1_000_000, ErrorMessage = "Usage:Prices:MegabyteSent must be between 0 and 1000000")]
    public decimal MegabyteSent { get; set; } = 0.01m;

    [Range(0, 1_000_000, ErrorMessage = "Usage:Prices:IntakeCall must be between 0 and 1000000")]
    public decimal IntakeCall { get; set; } = 0.01m;

    public decimal CostOfPage(long rowsRead, long resourcesWritten, long bytesSent) =>
        decimal.Round(rowsRead * RowRead + resourcesWritten * ResourceWritten + bytesSent / 1_048_576m * MegabyteSent, 6);
}
