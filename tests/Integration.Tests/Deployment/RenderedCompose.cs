using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FhirSync.Integration.Tests.Deployment;

/// <summary>
/// docker-compose.yml as a user gets it after <c>cp .env.example .env</c> and setting a master key: validated with
/// <c>config -q</c>, rendered with <c>config</c> (variables filled in), and once more without the key. The three
/// commands run at once (each takes about two seconds to start Python).
/// </summary>
public sealed class RenderedCompose : IAsyncLifetime
{
    internal CommandResult Validation { get; private set; } = null!;

    internal CommandResult WithoutMasterKey { get; private set; } = null!;

    internal JsonObject Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var withKey = new Dictionary<string, string> { ["FHIRSYNC_MASTER_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var validation = ComposeCli.RunAsync(withKey, "config", "-q");
        var rendering = ComposeCli.RunAsync(withKey, "config");
        var withoutKey = ComposeCli.RunAsync(new Dictionary<string, string> { ["FHIRSYNC_MASTER_KEY"] = "" }, "config", "-q");

        (Validation, WithoutMasterKey) = (await validation, await withoutKey);
        var rendered = await rendering;
        if (rendered.ExitCode != 0) throw new InvalidOperationException($"docker-compose config failed ({rendered.ExitCode}): {rendered.Error}");
        Services = (await ComposeCli.YamlToJsonAsync(rendered.Output))["services"]!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal JsonObject Service(string name) =>
        Services[name]?.AsObject() ?? throw new InvalidOperationException($"docker-compose.yml has no service '{name}'");

    internal string Variable(string service, string name) =>
        Service(service)["environment"]?[name]?.GetValue<string>()
        ?? throw new InvalidOperationException($"service '{service}' does not set {name}");

    /// <summary>The services <paramref name="service"/> waits for, each with its condition.</summary>
    internal IReadOnlyDictionary<string, string> Dependencies(string service) =>
        Service(service)["depends_on"] is JsonObject dependencies
            ? dependencies.ToDictionary(dependency => dependency.Key, dependency => dependency.Value!["condition"]!.GetValue<string>())
            : new Dictionary<string, string>();

    /// <summary>One-shot services: others wait for them to exit successfully; they have nothing to be healthy about.</summary>
    internal IReadOnlySet<string> OneShotServices() =>
        Services.Select(service => service.Key)
            .SelectMany(Dependencies)
            .Where(dependency => dependency.Value == "service_completed_successfully")
            .Select(dependency => dependency.Key)
            .ToHashSet();
}
