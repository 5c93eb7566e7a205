namespace FhirSync.Extraction.Logins;

/// <summary>The sentences an operator reads about a source login that can do more than read its own database.</summary>
internal static class SourceLoginWarnings
{
    private const int NamesShown = 10;
    private const string Advice = "a source login needs SELECT on its own database only";

    public static IReadOnlyList<string> For(string user, string? database, IReadOnlyList<string> otherDatabases, IReadOnlyList<SourceGrant> grants)
    {
        var warnings = new List<string>();
        if (database is null) warnings.Add($"login '{user}' connects without a database: the connection string must name the tenant's own database");
        if (otherDatabases.Count > 0)
            warnings.Add($"login '{user}' can see {otherDatabases.Count} database(s) besides its own: {Names(otherDatabases)}; {Advice}");
        AddIfAny(warnings, $"login '{user}' can read beyond its own database", grants.Where(g => g.Kind == SourcePrivilegeKind.Read && !g.OnOwnDatabase));
        AddIfAny(warnings, $"login '{user}' can write", grants.Where(g => g.Kind == SourcePrivilegeKind.Write));
        AddIfAny(warnings, $"login '{user}' holds administrative privileges", grants.Where(g => g.Kind == SourcePrivilegeKind.Admin));
        return warnings;
    }

    private static void AddIfAny(List<string> warnings, string problem, IEnumerable<SourceGrant> grants)
    {
        var names = grants.Select(grant => grant.ToString()).ToList();
        if (names.Count > 0) warnings.Add($"{problem}: {Names(names)}; {Advice}");
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= NamesShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more";
}
