namespace FhirSync.ControlPlane.Runs;

public static class RunKinds
{
    public const string Sync = "sync";

    public const string Reconcile = "reconcile";
}
