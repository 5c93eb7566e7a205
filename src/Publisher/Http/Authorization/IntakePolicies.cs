using FhirSync.Publisher.Http.Authentication;

namespace FhirSync.Publisher.Http.Authorization;

/// <summary>The intake's authorization policies, by endpoint.</summary>
internal static class IntakePolicies
{
    public const string RequestSync = "intake:request-sync";

    public const string ReadRun = "intake:read-run";

    public static readonly TenantAccessRequirement RequestSyncAccess = new([IntakeRoles.Write]);

    public static readonly TenantAccessRequirement ReadRunAccess = new([IntakeRoles.Write, IntakeRoles.Read, IntakeRoles.Admin]);
}
