using System.Globalization;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>
/// How big the fault runs are. The test command runs the small default; <c>scripts/fault-suite.sh</c> raises the sizes
/// and repetitions through the environment and collects the figures into docs/reliability.md.
/// </summary>
internal static class FaultSizes
{
    /// <summary>Rows per tenant in the throughput scenarios.</summary>
    public static int RowsPerTenant { get; } = Read("FHIRSYNC_FAULT_ROWS", 3_000);

    /// <summary>Rows of the tenant whose run is killed mid-way: enough pages that a kill lands inside the run.</summary>
    public static int KilledTenantRows { get; } = Read("FHIRSYNC_FAULT_KILLED_ROWS", 20_000);

    /// <summary>How many times the worker is killed during one run.</summary>
    public static int Kills { get; } = Read("FHIRSYNC_FAULT_KILLS", 2);

    /// <summary>Where each scenario appends its figures (one markdown table row); none when unset.</summary>
    public static string? ReportFile { get; } = Environment.GetEnvironmentVariable("FHIRSYNC_FAULT_REPORT");

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
