namespace FhirSync.Integration.Tests.Security;

/// <summary>Names a hostile or careless mapping could use in place of a plain table or column name.</summary>
internal static class HostileNames
{
    private const string Injection = "; DROP TABLE patients; --";

    private static readonly Dictionary<char, char> CyrillicLookAlikes = new() { ['a'] = 'а', ['o'] = 'о', ['e'] = 'е', ['p'] = 'р', ['c'] = 'с' };

    /// <summary>The name with a backtick in the middle; the safe-SQL database really has such a table and column.</summary>
    public static string WithBacktick(string plain) => plain.Insert(plain.Length / 2, "`");

    /// <summary>The name with a space in the middle; the safe-SQL database really has such a table and column.</summary>
    public static string WithSpace(string plain) => plain.Insert(plain.Length / 2, " ");

    /// <summary>Variants of <paramref name="plain"/>: none may reach SQL text, quoted or not.</summary>
    public static IReadOnlyList<string> Around(string plain) =>
    [
        WithBacktick(plain),
        WithSpace(plain),
        $"{plain}`{Injection}",
        $"{plain}{Injection}",
        $"{plain}/*x*/",
        $"{plain} -- x",
        $"{plain}#x",
        $"`{plain}`",
        $"tenant_hospital_a.{plain}",
        LookAlike(plain),
        FullWidth(plain),
        plain.Insert(plain.Length / 2, "\u200D"),
        plain.PadRight(65, 'x'),
        $"{plain}\n",
        $"{plain}\0",
    ];

    /// <summary>The first a, o, e, p or c replaced by its Cyrillic look-alike.</summary>
    private static string LookAlike(string plain)
    {
        var at = Enumerable.Range(0, plain.Length).First(i => CyrillicLookAlikes.ContainsKey(plain[i]));
        return string.Concat(plain[..at], CyrillicLookAlikes[plain[at]].ToString(), plain[(at + 1)..]);
    }

    /// <summary>Every ASCII character replaced by its full-width form (U+FF01 to U+FF5E).</summary>
    private static string FullWidth(string plain) => string.Concat(plain.Select(c => (char)(c + 0xFEE0)));
}
