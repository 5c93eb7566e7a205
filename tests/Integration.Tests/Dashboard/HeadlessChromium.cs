using System.Diagnostics;
using System.Text;

namespace FhirSync.Integration.Tests.Dashboard;

/// <summary>
/// Debian's Chromium, headless, as a person's browser would load a page: its scripts run (on virtual time, so a
/// page that polls settles at once), then the rendered DOM or a screenshot. Each call has a profile of its own.
/// </summary>
internal static class HeadlessChromium
{
    private const string Executable = "/usr/bin/chromium";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The DOM after the page's scripts ran, serialized.</summary>
    public static async Task<string> RenderedDomAsync(Uri page) => await RunAsync("--dump-dom", page.ToString());

    public static async Task ScreenshotAsync(Uri page, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Delete(file);
        await RunAsync($"--screenshot={file}", "--window-size=1400,1000", "--hide-scrollbars", page.ToString());
        Assert.True(File.Exists(file), $"chromium wrote no screenshot to {file}");
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Executable)) Assert.Fail($"{Executable} is missing: scripts/setup-services.sh installs Debian's chromium");
        var profile = Directory.CreateTempSubdirectory("fhirsync-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
                "--virtual-time-budget=5000", .. arguments,
            ]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium could not be started");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, line) => { lock (stderr) stderr.AppendLine(line.Data); };
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Limit.TotalSeconds:0} s:\n{stderr}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}:\n{stderr}");
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
