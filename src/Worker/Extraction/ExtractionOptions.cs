using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Extraction;

public sealed class ExtractionOptions
{
    public const string Section = "Extraction";

    /// <summary>Rows per keyset page; pages of 5,000 to 20,000 read about as fast as one stream.</summary>
    [Range(100, 100_000, ErrorMessage = "Extraction:PageSize must be between 100 and 100000")]
    public int PageSize { get; set; } = 5_000;
}
