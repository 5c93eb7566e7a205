namespace FhirSync.Extraction.Logins;

/// <summary>What a privilege lets a source login do; a source login should hold only <see cref="Read"/>, on its own database.</summary>
public enum SourcePrivilegeKind
{
    /// <summary>Reads rows or view definitions: <c>SELECT</c>, <c>SHOW VIEW</c>.</summary>
    Read,

    /// <summary>Changes data or schema, or runs routines that may: <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, <c>CREATE</c>, <c>DROP</c>, <c>EXECUTE</c>...</summary>
    Write,

    /// <summary>Anything else: server administration, <c>ALL PRIVILEGES</c>, <c>GRANT OPTION</c>, <c>SHOW DATABASES</c>, <c>PROXY</c>...</summary>
    Admin,
}
