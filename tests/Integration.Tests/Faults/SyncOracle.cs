using Hl7.Fhir.Model;

namespace FhirSync.Integration.Tests.Faults;

/// <summary>What one tenant's store holds against its source: rows missing, rows written more than once, resources of another tenant.</summary>
internal sealed record OracleVerdict(string TenantId, int SourceRows, int Lost, int Duplicated, int CrossTenant)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && CrossTenant == 0;

    public override string ToString() => $"{TenantId}: {SourceRows} rows, lost {Lost}, duplicated {Duplicated}, cross-tenant {CrossTenant}";
}

/// <summary>
/// Compares every source key with the resources a tenant's store holds, by the source identifier FhirSync writes
/// (<c>urn:fhirsync:{tenant}:{table}</c> with the key as value): a key with no resource is lost, a key with two
/// resources (two ids) is duplicated, a resource naming another tenant's system is cross-tenant.
/// </summary>
internal static class SyncOracle
{
    public static OracleVerdict Judge(string tenantId, string table, IReadOnlyCollection<string> sourceKeys, IEnumerable<Patient> stored)
    {
        var system = $"urn:fhirsync:{tenantId}:{table}";
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var crossTenant = 0;
        foreach (var patient in stored)
        {
            if (patient.Identifier.Any(i => i.System?.StartsWith("urn:fhirsync:", StringComparison.Ordinal) == true && i.System != system)) crossTenant++;
            // An NDJSON line written twice, or two ids for one row in a FHIR store: both count as a duplicate.
            foreach (var key in patient.Identifier.Where(i => i.System == system).Select(i => i.Value ?? string.Empty))
                occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
        }

        var lost = sourceKeys.Count(key => !occurrences.ContainsKey(key));
        var duplicated = occurrences.Values.Sum(count => count - 1);
        return new OracleVerdict(tenantId, sourceKeys.Count, lost, duplicated, crossTenant);
    }
}
