using System.Text.RegularExpressions;
using FhirSync.Integration.Tests.Faults;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Publisher;

/// <summary>
/// An operator asks for syncs from the CLI and waits for them (progress lines, then each run's figures), lists the
/// runs and shows one; a request the worker refuses comes back as failed with its reason and a non-zero exit code.
/// </summary>
[Collection(RealServices.Name)]
public sealed partial class RunsCommandsShould(ServicesFixture services) : IAsyncLifetime
{
    private FaultEnvironment _faults = null!;

    public async Task InitializeAsync()
    {
        _faults = await FaultEnvironment.CreateAsync(services, "runscli");
        await _faults.AddTenantsAsync("cli", 2, 3);
    }

    public async Task DisposeAsync() => await _faults.DisposeAsync();

    [Fact]
    public async Task RequestSyncsWaitForThemListTheRunsAndShowOne()
    {
        await using var worker = await TestWorker.StartAsync(_faults.Settings);

        var sync = await PublisherCli.RunAsync(_faults.Settings, "sync", "--all", "--wait", "--timeout", "60");

        Assert.True(sync.ExitCode == 0, sync.All);
        var runIds = RequestedRun().Matches(sync.Output).Select(m => (Tenant: m.Groups[1].Value, RunId: m.Groups[2].Value)).ToList();
        Assert.Equal(["cli-0", "cli-1"], runIds.Select(r => r.Tenant).Order(StringComparer.Ordinal));
        Assert.Matches(@"cli-0\s+\[#{24}\] 100%\s+succeeded\s+written: Patient 3", sync.Output);
        foreach (var (tenant, runId) in runIds) Assert.Contains($"run {runId} of tenant {tenant}: sync, succeeded", sync.Output, StringComparison.Ordinal);

        var list = await PublisherCli.RunAsync(_faults.Settings, "runs", "list", "--tenant", "cli-1");
        var listed = Assert.Single(list.Output.Split('\n'), line => line.StartsWith(runIds.Single(r => r.Tenant == "cli-1").RunId, StringComparison.Ordinal));
        Assert.Matches(@"cli-1\s+sync\s+succeeded\s+cli\s", listed);

        var show = await PublisherCli.RunAsync(_faults.Settings, "runs", "show", "--run", runIds[0].RunId);
        Assert.Equal(0, show.ExitCode);
        Assert.Matches(@"Patient\s+people\s+3\s+3\s+3\s+0\s+0", show.Output);
    }

    [Fact]
    public async Task ReportARequestTheWorkerRefusedAsFailedWithItsReason()
    {
        await using var worker = await TestWorker.StartAsync(_faults.Settings);

        var sync = await PublisherCli.RunAsync(_faults.Settings, "sync", "--tenant", "cli-0", "--resource", "Medication", "--wait", "--timeout", "30");

        Assert.Equal(1, sync.ExitCode);
        Assert.Contains("failed at request: resource type 'Medication' is not mapped for tenant cli-0", sync.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_faults.OutputRoot, "cli-0")), "nothing may be written for a refused request");
    }

    [GeneratedRegex(@"^(\S+): sync requested \(run ([0-9a-f-]{36})\)", RegexOptions.Multiline)]
    private static partial Regex RequestedRun();
}
