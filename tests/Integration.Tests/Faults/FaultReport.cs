using System.Globalization;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>One scenario's figures, appended as a markdown table row when the fault suite collects a report.</summary>
internal static class FaultReport
{
    public static void Record(string scenario, IReadOnlyCollection<OracleVerdict> verdicts, string others)
    {
        if (FaultSizes.ReportFile is not { } file) return;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {verdicts.Sum(v => v.SourceRows)} | {verdicts.Sum(v => v.Lost)} | {verdicts.Sum(v => v.Duplicated)} | {verdicts.Sum(v => v.CrossTenant)} | {others} |");
        File.AppendAllLines(file, [row]);
    }
}
