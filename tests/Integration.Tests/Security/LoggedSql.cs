using System.Text;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// A logged statement split as MariaDB reads it: string literals ('...' and "...", with doubled quotes and backslash
/// escapes), back-quoted identifiers, and the code around them. Injected text that stayed data is in
/// <see cref="Strings"/> or <see cref="Identifiers"/>; text that broke out is in <see cref="Code"/>.
/// </summary>
internal sealed record LoggedSql(string Code, IReadOnlyList<string> Strings, IReadOnlyList<string> Identifiers)
{
    public static LoggedSql Parse(string sql)
    {
        var code = new StringBuilder(sql.Length);
        var strings = new List<string>();
        var identifiers = new List<string>();
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is not ('\'' or '"' or '`'))
            {
                code.Append(c);
                continue;
            }

            (c == '`' ? identifiers : strings).Add(ReadQuoted(sql, ref i));
            code.Append(c == '`' ? " `name` " : " 'value' ");
        }

        return new LoggedSql(code.ToString(), strings, identifiers);
    }

    /// <summary>Reads from the opening quote at <paramref name="i"/> to its closing quote, and leaves <paramref name="i"/> on it.</summary>
    private static string ReadQuoted(string sql, ref int i)
    {
        var quote = sql[i];
        var text = new StringBuilder();
        for (i++; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\\' && quote != '`' && i + 1 < sql.Length) text.Append(sql[++i]);
            else if (c != quote) text.Append(c);
            else if (i + 1 < sql.Length && sql[i + 1] == quote) text.Append(sql[++i]);
            else return text.ToString();
        }

        // A quote left open means the text after it was not what the caller meant as one value.
        throw new FormatException($"a {quote} quote is never closed in a logged statement");
    }
}
