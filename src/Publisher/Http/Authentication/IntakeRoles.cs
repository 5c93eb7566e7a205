namespace FhirSync.Publisher.Http.Authentication;

/// <summary>The roles the intake reads from a token (<c>roles</c>, or Keycloak's <c>realm_access.roles</c>).</summary>
internal static class IntakeRoles
{
    /// <summary>May request syncs (of its own tenant, or of any with <see cref="Admin"/>).</summary>
    public const string Write = "fhir-write";

    /// <summary>May read its own tenant's runs.</summary>
    public const string Read = "fhir-read";

    /// <summary>Lifts the rule that a client acts only for the tenant named by its <c>client_id</c>.</summary>
    public const string Admin = "fhir-admin";
}
