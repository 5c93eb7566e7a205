using System.Globalization;

namespace FhirSync.Publisher.Usage;

/// <summary>A billing period [From, To) in UTC: a calendar month (<c>2026-12</c>) or any range of dates or times.</summary>
internal readonly record struct UsagePeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <exception cref="FormatException">Names the value that is not a month or a date and what it should look like.</exception>
    public static UsagePeriod Parse(string? month, string? from, string? to)
    {
        if (month is not null)
        {
            if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
                throw new FormatException($"month '{Bounded(month)}' is not of the form yyyy-MM");
            var first = new DateTimeOffset(start, TimeSpan.Zero);
            return new UsagePeriod(first, first.AddMonths(1));
        }

        if (from is null || to is null) throw new FormatException("give a month (yyyy-MM), or both from and to (ISO 8601 dates or times, to exclusive)");
        var period = new UsagePeriod(Instant(from, "from"), Instant(to, "to"));
        return period.To > period.From ? period : throw new FormatException("to must be after from");
    }

    private static DateTimeOffset Instant(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new FormatException($"{name} '{Bounded(text)}' is not an ISO 8601 date or time");

    private static string Bounded(string text) => new([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
