namespace FhirSync.Sync.Benchmarks;

/// <summary>
/// How much data each scenario gets. The main tenants share the patients and observations unevenly (the largest holds
/// 40%), so one of them is clearly "the largest tenant"; the memory pair differs tenfold in rows.
/// </summary>
internal sealed record BenchSizes(string Name, int Patients, int Observations, int MemorySmallRows, int FleetTenants, int FleetSyncing,
    int OnDemandSamples, int NaiveRows, int? FhirRows = null)
{
    public static readonly double[] TenantShares = [0.4, 0.3, 0.2, 0.1];

    // The FHIR test server keeps every version of every resource in one Node heap: at full size the FHIR sink gets a
    // tenant of its own, 100,000 rows, instead of the largest tenant's 1,200,000 (times four runs).
    public static readonly BenchSizes Full = new("full", 1_000_000, 2_000_000, 100_000, 1_000, 50, 20, 20_000, FhirRows: 100_000);

    public static readonly BenchSizes Small = new("small", 10_000, 20_000, 10_000, 1_000, 50, 20, 5_000);

    public static readonly BenchSizes Smoke = new("smoke", 600, 1_200, 300, 40, 10, 4, 300);

    /// <summary>The large memory tenant: ten times the small one.</summary>
    public int MemoryLargeRows => MemorySmallRows * 10;

    public static BenchSizes? Named(string name) => name switch
    {
        "full" => Full,
        "small" => Small,
        "smoke" => Smoke,
        _ => null,
    };
}
