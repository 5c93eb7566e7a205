namespace FhirSync.Extraction.Logins;

/// <summary>
/// Who a tenant's source login is on the server and what it may reach, read by <see cref="SourceLoginInspector"/>.
/// A least-privilege login reads its own database only: no other database visible, no write or admin privilege,
/// and so no <see cref="Warnings"/>. Nothing here holds a password or its hash.
/// </summary>
public sealed record SourceLoginReport
{
    /// <summary>The account the server matched, as <c>CURRENT_USER()</c> returns it, e.g. <c>fs_hospital_a@localhost</c>.</summary>
    public required string CurrentUser { get; init; }

    /// <summary>The connection's database (<c>DATABASE()</c>); null when the connection string names none.</summary>
    public required string? Database { get; init; }

    /// <summary>Databases the login can see besides its own and <c>information_schema</c>, in ordinal order.</summary>
    public required IReadOnlyList<string> OtherDatabases { get; init; }

    /// <summary>Every privilege the login holds, directly or through a role granted to it (<c>USAGE</c> left out).</summary>
    public required IReadOnlyList<SourceGrant> Grants { get; init; }

    /// <summary>One sentence per problem, for an operator; empty for a least-privilege login.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The login sees another database, or holds a read privilege that is not limited to its own.</summary>
    public bool ReadsBeyondOwnDatabase => OtherDatabases.Count > 0 || Grants.Any(g => g.Kind == SourcePrivilegeKind.Read && !g.OnOwnDatabase);

    /// <summary>The login holds a privilege that changes data or schema, anywhere.</summary>
    public bool CanWrite => Grants.Any(g => g.Kind == SourcePrivilegeKind.Write);

    /// <summary>The login holds an administrative privilege.</summary>
    public bool HasAdminPrivilege => Grants.Any(g => g.Kind == SourcePrivilegeKind.Admin);

    /// <summary>True when the login can read its own database and nothing more.</summary>
    public bool IsLeastPrivilege => Warnings.Count == 0;
}
