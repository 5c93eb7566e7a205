using System.Collections.Frozen;
using System.Text;

namespace FhirSync.Extraction.Logins;

/// <summary>
/// Reads one line of <c>SHOW GRANTS</c>: the privileges it grants and what on, or the roles it grants the login. The grantee and
/// the rest of the line (for a user, the password hash) are skipped, never kept.
/// </summary>
internal static class ShowGrantsLine
{
    private static readonly FrozenSet<string> Reads = FrozenSet.Create(StringComparer.Ordinal, "SELECT", "SHOW VIEW");

    private static readonly FrozenSet<string> Writes = FrozenSet.Create(StringComparer.Ordinal,
        "INSERT", "UPDATE", "DELETE", "DELETE HISTORY", "CREATE", "DROP", "ALTER", "INDEX", "REFERENCES", "CREATE VIEW",
        "CREATE TEMPORARY TABLES", "LOCK TABLES", "TRIGGER", "EVENT", "CREATE ROUTINE", "ALTER ROUTINE", "EXECUTE");

    public static (IReadOnlyList<SourceGrant> Grants, IReadOnlyList<string> Roles) Parse(string line, string? ownDatabase)
    {
        const string Grant = "GRANT ";
        // Other lines (SET DEFAULT ROLE) grant nothing.
        if (!line.StartsWith(Grant, StringComparison.Ordinal)) return ([], []);
        var to = IndexOutsideQuotes(line, " TO ", 0);
        if (to < 0) return ([], []);
        var on = IndexOutsideQuotes(line[..to], " ON ", 0);
        var granted = SplitOutsideQuotes(line[Grant.Length..(on < 0 ? to : on)], ',');
        if (on < 0)
        {
            // GRANT `role` TO `user`@`host`: a role of the login itself, whose grants are read by enabling it. A role
            // granted to a role (TO `role`, no host) is nested: enabling the outer one lists its grants too.
            var roles = IndexOutsideQuotes(line, "@", to) < 0 ? [] : granted.Select(Unquote).ToList();
            var admin = IndexOutsideQuotes(line, " ADMIN OPTION", to) < 0 ? [] : granted.Select(role => new SourceGrant("ADMIN OPTION", $"role {role}", SourcePrivilegeKind.Admin, false));
            return (admin.ToList(), roles);
        }

        var scope = line[(on + 4)..to].Trim();
        var own = IsOwnDatabase(scope, ownDatabase);
        var grants = granted
            .Select(privilege => privilege.Split('(', 2)[0].Trim().ToUpperInvariant())
            .Where(privilege => privilege != "USAGE")
            .Select(privilege => new SourceGrant(privilege, scope, KindOf(privilege), own))
            .ToList();
        if (IndexOutsideQuotes(line, " GRANT OPTION", to) >= 0) grants.Add(new SourceGrant("GRANT OPTION", scope, SourcePrivilegeKind.Admin, own));
        return (grants, []);
    }

    private static SourcePrivilegeKind KindOf(string privilege) =>
        Reads.Contains(privilege) ? SourcePrivilegeKind.Read : Writes.Contains(privilege) ? SourcePrivilegeKind.Write : SourcePrivilegeKind.Admin;

    /// <summary>
    /// True for <c>`db`.*</c> and <c>`db`.`table`</c> (also after FUNCTION or PROCEDURE) when db is the connection's
    /// database. The name is a LIKE pattern in which <c>\_</c> and <c>\%</c> are literal: a pattern with a bare
    /// <c>%</c> may reach other databases, so it is never taken as the own one. A bare <c>_</c> is taken literally,
    /// as everyone writes <c>GRANT SELECT ON tenant_a.*</c>.
    /// </summary>
    private static bool IsOwnDatabase(string scope, string? ownDatabase)
    {
        var open = scope.IndexOf('`', StringComparison.Ordinal);
        if (ownDatabase is null || open < 0) return false;
        var close = IndexOutsideQuotes(scope, ".", open);
        if (close < 0) return false;
        var pattern = Unquote(scope[open..close]);
        var name = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length) name.Append(pattern[++i]);
            else if (pattern[i] == '%') return false;
            else name.Append(pattern[i]);
        }

        return string.Equals(name.ToString(), ownDatabase, StringComparison.Ordinal);
    }

    /// <summary>
    /// Where <paramref name="token"/> first occurs at or after <paramref name="start"/>, outside `...`, '...' and
    /// "..." (a doubled quote reads as leaving and re-entering) and outside column lists in parentheses.
    /// </summary>
    private static int IndexOutsideQuotes(string text, string token, int start)
    {
        char? quote = null;
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
            }
            else if (c is '`' or '\'' or '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && string.CompareOrdinal(text, i, token, 0, token.Length) == 0) return i;
        }

        return -1;
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var separatorText = separator.ToString();
        for (var next = IndexOutsideQuotes(text, separatorText, 0); next >= 0; next = IndexOutsideQuotes(text, separatorText, 0))
        {
            parts.Add(text[..next].Trim());
            text = text[(next + 1)..];
        }

        parts.Add(text.Trim());
        return parts;
    }

    /// <summary><c>`a``b`</c> is <c>a`b</c>; a name the server printed without quotes is returned as it is.</summary>
    private static string Unquote(string quoted) =>
        quoted.Length >= 2 && quoted[0] == '`' && quoted[^1] == '`' ? quoted[1..^1].Replace("``", "`", StringComparison.Ordinal) : quoted;
}
