using FhirSync.Extraction;

namespace FhirSync.Worker.Runs;

/// <summary>How one mapped source is read in a run: in what order, after which position, and whether it advances a watermark.</summary>
internal sealed record SourceStart(SourceOrder Order, object?[]? After, bool Tracked, long PreviousSourceRows)
{
    /// <summary>Incremental: resumes after a stored watermark, so the sink merges what it reads into what it holds.</summary>
    public bool Incremental => After is not null;
}
