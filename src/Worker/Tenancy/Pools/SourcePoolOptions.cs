using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Tenancy.Pools;

/// <summary>Limits on the connections a worker holds to tenants' source databases (section <c>SourcePools</c>).</summary>
public sealed class SourcePoolOptions
{
    public const string Section = "SourcePools";

    /// <summary>Open connections one tenant may hold at once (leased and idle together).</summary>
    [Range(1, 100, ErrorMessage = "SourcePools:MaxConnectionsPerTenant must be between 1 and 100")]
    public int MaxConnectionsPerTenant { get; set; } = 4;

    /// <summary>Open source connections across all tenants of this worker; never exceeded.</summary>
    [Range(1, 10_000, ErrorMessage = "SourcePools:GlobalConnectionBudget must be between 1 and 10000")]
    public int GlobalConnectionBudget { get; set; } = 64;

    /// <summary>How long a run waits for a connection (its tenant's or the global budget) before failing, to be retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "SourcePools:AcquireTimeout must be between 10 ms and 10 minutes")]
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A tenant's pool unused this long is evicted and its connections closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "SourcePools:IdleTimeout must be between 1 second and 1 day")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often idle pools are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "SourcePools:EvictionInterval must be between 1 second and 1 hour")]
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromMinutes(1);
}
