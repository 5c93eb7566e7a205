using System.Text.RegularExpressions;

namespace FhirSync.Extraction;

/// <summary>
/// Table and column names from mapping documents. Only plain ASCII identifiers are accepted, and they are always
/// back-quoted; values never go into SQL text, only into parameters.
/// </summary>
public static partial class SqlIdentifier
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <exception cref="ArgumentException">The name is not a plain identifier; the message does not repeat it.</exception>
    public static string Quote(string name) =>
        IsValid(name) ? $"`{name}`" : throw new ArgumentException("a table or column name must be 1 to 64 ASCII letters, digits, '_' or '$'", nameof(name));

    public static string QuoteAll(IEnumerable<string> names) => string.Join(", ", names.Select(Quote));

    // \z, not $: in .NET '$' also matches before a final newline, so "patients\n" would pass as plain.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]{0,63}\z")]
    private static partial Regex Pattern();
}
