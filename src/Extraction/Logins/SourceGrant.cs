namespace FhirSync.Extraction.Logins;

/// <summary>One privilege a source login holds, directly or through a role, as <c>SHOW GRANTS</c> lists it.</summary>
/// <param name="Privilege">The privilege, upper case, without a column list, e.g. <c>SELECT</c> or <c>GRANT OPTION</c>.</param>
/// <param name="On">What it is on, as the server prints it, e.g. <c>*.*</c> or <c>`tenant_a`.*</c>.</param>
/// <param name="Kind">Whether it reads, writes or administers.</param>
/// <param name="OnOwnDatabase">True when it is limited to the connection's own database (or to tables in it).</param>
public sealed record SourceGrant(string Privilege, string On, SourcePrivilegeKind Kind, bool OnOwnDatabase)
{
    /// <summary>The grant as a warning names it, e.g. <c>INSERT on `tenant_a`.*</c>.</summary>
    public override string ToString() => $"{Privilege} on {On}";
}
