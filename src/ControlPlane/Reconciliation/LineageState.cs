namespace FhirSync.ControlPlane.Reconciliation;

/// <summary>The states a lineage entry can be in.</summary>
public static class LineageState
{
    public const string Written = "written";
    public const string Rejected = "rejected";
    public const string Deleted = "deleted";

    /// <summary>The row is in the source but its resource is not in the sink (found by reconciliation).</summary>
    public const string Missing = "missing";
}
