using System.Net;
using System.Text.RegularExpressions;

namespace FhirSync.Integration.Tests.Dashboard;

/// <summary>Reads the dashboard's rendered DOM by the data- attributes the page puts on its rows and cells.</summary>
internal sealed partial class RenderedDashboard(string dom)
{
    public string Dom { get; } = dom;

    /// <summary>The tenants table's row of <paramref name="tenant"/>.</summary>
    public string TenantRow(string tenant) => Single($"<tr data-tenant=\"{Regex.Escape(tenant)}\">(.*?)</tr>", Dom, $"the row of tenant {tenant}");

    public string QueueRow(string queue) => Single($"<tr data-queue=\"{Regex.Escape(queue)}\"[^>]*>(.*?)</tr>", Dom, $"the row of queue {queue}");

    /// <summary>Rows of the recent errors table for <paramref name="tenant"/>.</summary>
    public IReadOnlyList<string> ErrorRows(string tenant) =>
        [.. Regex.Matches(Dom, $"<tr data-run=\"[^\"]+\" data-tenant=\"{Regex.Escape(tenant)}\">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    /// <summary>The text a person reads in a cell or element marked <c>data-field</c>: tags dropped, entities decoded.</summary>
    public static string Text(string html, string field) => TextOf(Single($"<(\\w+)[^>]* data-field=\"{field}\"[^>]*>(.*?)</\\1>", html, $"field {field}", group: 2));

    /// <summary>The <c>data-state</c> of the cell marked <c>data-field</c>.</summary>
    public static string State(string html, string field) => Single($"<td data-field=\"{field}\" data-state=\"([^\"]*)\"", html, $"the state of {field}");

    /// <summary>Chart points, by the tenant they belong to.</summary>
    public int PointsOf(string tenant) => Regex.Count(Dom, $"<circle [^>]*class=\"point\" data-tenant=\"{Regex.Escape(tenant)}\"");

    public string Text(string field) => Text(Dom, field);

    private static string TextOf(string html) => WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ").Trim());

    private static string Single(string pattern, string html, string what, int group = 1)
    {
        var matches = Regex.Matches(html, pattern, RegexOptions.Singleline);
        Assert.True(matches.Count == 1, $"expected one {what} in the rendered page, found {matches.Count}");
        return matches[0].Groups[group].Value;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
