namespace FhirSync.Publisher.Dashboard;

/// <summary>The page's shell: no data in it, so nothing here needs encoding; the script fills it from <c>api/status</c>.</summary>
internal static class DashboardPage
{
    // Relative links, so the page also works behind a proxy under a path prefix.
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>FhirSync status</title>
        <link rel="stylesheet" href="dashboard.css">
        <script src="dashboard.js" defer></script>
        </head>
        <body>
        <header>
          <h1>FhirSync status</h1>
          <p id="updated" class="sub">loading&hellip;</p>
        </header>
        <p id="problem" class="problem" hidden></p>
        <main id="app"><noscript>This page needs JavaScript; the same data is at <a href="api/status">api/status</a>.</noscript></main>
        </body>
        </html>
        """;
}
