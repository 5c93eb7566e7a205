using FhirSync.ControlPlane.Breakers;
using FhirSync.ControlPlane.Tenants;

namespace FhirSync.Publisher.Dashboard;

/// <summary>Every worker's breaker reports, folded into the worst state per tenant and dependency.</summary>
internal sealed class BreakerSummaries(IReadOnlyList<BreakerStateReport> reports)
{
    private readonly ILookup<(TenantId, string), BreakerStateReport> _byBreaker = reports.ToLookup(report => (report.TenantId, report.Dependency));

    public BreakerSummary Of(TenantId tenant, string dependency)
    {
        var reported = _byBreaker[(tenant, dependency)].ToList();
        var worst = BreakerStates.Worst(reported.Select(report => report.State));
        // Of the workers in the worst state, the one whose report is newest.
        var by = reported.Where(report => report.State == worst).MaxBy(report => report.ChangedAt);
        return new BreakerSummary(worst, by?.Worker, by?.ChangedAt, reported.Count);
    }
}
