using System.CommandLine;
using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Onboarding;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync tenant ...</c>: onboarding and the registry as operators see it.</summary>
internal static class TenantCommands
{
    public static Command Create() => new("tenant", "Onboard, list, disable, enable and remove tenants; issue and revoke their API keys")
    {
        Add(), List(), TenantStateCommands.Disable(), TenantStateCommands.Enable(), TenantStateCommands.Remove(), ApiKeyCommands.Create(),
    };

    private static Command Add()
    {
        var id = new Option<string>("--id") { Description = "Tenant id: lower-case letters, digits, dashes", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var sourceEnv = new Option<string>("--source-connection-env")
        {
            Description = "Name of the environment variable holding the tenant's least-privilege source connection string (kept off the command line)",
            Required = true,
        };
        var sinkTokenEnv = new Option<string?>("--sink-token-env")
        {
            Description = "Name of the environment variable holding the bearer token of the tenant's FHIR store, for --sink fhir (kept off the command line); without it the sink gets no token",
        };
        var mapping = new Option<FileInfo>("--mapping") { Description = "The tenant's mapping document (JSON)", Required = true };
        var sink = new Option<string>("--sink") { Description = "ndjson or fhir", DefaultValueFactory = _ => SinkSettings.Ndjson };
        var sinkUrl = new Option<string?>("--sink-url") { Description = "FHIR base URL, for --sink fhir" };
        var bundleSize = new Option<int>("--bundle-size") { Description = "Resources per transaction bundle", DefaultValueFactory = _ => 50 };
        var folder = new Option<string?>("--folder") { Description = "NDJSON folder under the worker's output root (default: the tenant id)" };
        var schedule = new Option<string>("--schedule") { Description = "Quartz cron of the nightly sync", DefaultValueFactory = _ => "0 0 2 * * ?" };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA time zone of the schedule", DefaultValueFactory = _ => "UTC" };
        var command = new Command("add", "Register a tenant, or update it (its resource ids never change)")
        {
            id, name, sourceEnv, mapping, sink, sinkUrl, sinkTokenEnv, bundleSize, folder, schedule, timeZone,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var (sourceVariable, sinkTokenVariable) = (parse.GetValue(sourceEnv)!, parse.GetValue(sinkTokenEnv));
            foreach (var variable in new[] { sourceVariable, sinkTokenVariable }.OfType<string>())
            {
                if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable))) continue;
                await Console.Error.WriteLineAsync($"error: environment variable {variable} is not set");
                return 2;
            }

            using var host = await PublisherServices.StartAsync(cancellationToken);
            var request = new TenantOnboardingRequest
            {
                TenantId = parse.GetValue(id)!,
                DisplayName = parse.GetValue(name)!,
                SourceConnectionString = Environment.GetEnvironmentVariable(sourceVariable)!,
                SinkToken = sinkTokenVariable is null ? null : Environment.GetEnvironmentVariable(sinkTokenVariable),
                MappingDocument = await File.ReadAllTextAsync(parse.GetValue(mapping)!.FullName, cancellationToken),
                Sink = new SinkSettings { Kind = parse.GetValue(sink)!, BaseUrl = AbsoluteUrl(parse.GetValue(sinkUrl)), BundleSize = parse.GetValue(bundleSize), Folder = parse.GetValue(folder) },
                ScheduleCron = parse.GetValue(schedule)!,
                ScheduleTimeZone = parse.GetValue(timeZone)!,
            };
            var result = await host.Services.GetRequiredService<TenantOnboarding>().AddAsync(request, cancellationToken);
            foreach (var warning in result.Warnings) await Console.Error.WriteLineAsync($"warning: tenant {request.TenantId}: {warning}");
            Console.WriteLine($"tenant {request.TenantId} {(result.Added ? "registered" : "updated")} (source login {result.SourceLogin}, sink {request.Sink.Kind}{(request.SinkToken is null ? "" : " with a bearer token")})");
            if (result.ApiKey is { } apiKey)
                Console.WriteLine($"API key {apiKey.KeyId} for the tenant's machine clients (shown once, only its hash is kept):{Environment.NewLine}{apiKey.Key}");
            await host.AnnounceAsync(TenantId.Parse(request.TenantId), result.Added ? "added" : "updated", cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Uri? AbsoluteUrl(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw new ArgumentException("--sink-url must be an absolute http(s) URL");

    private static Command List()
    {
        var command = new Command("list", "List registered tenants");
        command.SetAction((_, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            var tenants = await host.Services.GetRequiredService<TenantRegistry>().ListAsync(enabledOnly: false, cancellationToken);
            Console.WriteLine($"{"tenant",-16} {"enabled",-8} {"sink",-7} {"schedule",-16} name");
            foreach (var tenant in tenants)
                Console.WriteLine($"{tenant.TenantId.Value,-16} {tenant.Enabled,-8} {tenant.Sink.Kind,-7} {tenant.ScheduleCron,-16} {tenant.DisplayName}");
            return 0;
        }));
        return command;
    }
}
