using System.CommandLine;
using FhirSync.Mapping.Compilation;
using FhirSync.Publisher.Mappings;

namespace FhirSync.Publisher.Commands;

/// <summary>
/// <c>fhirsync mapping validate|preview</c>: check a tenant's mapping, or a new one before it is registered, against
/// the tenant's live schema, and show what its first rows become. Both only read; neither touches a sink.
/// </summary>
internal static class MappingCommands
{
    public static Command Create() => new("mapping", "Validate and preview tenants' mapping documents") { Validate(), Preview() };

    private static Command Validate()
    {
        var tenant = TenantOption();
        var file = FileOption();
        var command = new Command("validate", "Compile a tenant's mapping and check every mapped table and column exists in its database") { tenant, file };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            await using var loaded = await TenantMappingLoader.From(host.Services).LoadAsync(parse.GetValue(tenant)!, parse.GetValue(file), cancellationToken);
            var resources = loaded.Mapping.Resources;
            Console.WriteLine($"mapping of tenant {loaded.TenantId.Value} is valid: {resources.Count} resource{(resources.Count == 1 ? "" : "s")} ({string.Join(", ", resources.Select(Describe))})");
            return 0;
        }));
        return command;
    }

    private static Command Preview()
    {
        var tenant = TenantOption();
        var file = FileOption();
        var count = new Option<int>("--count") { Description = "Rows to map from each source table (the first, in key order)", DefaultValueFactory = _ => 3 };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000) result.AddError("--count must be between 1 and 1000");
        });
        var resource = new Option<string?>("--resource") { Description = "Preview only this resource type, e.g. Patient" };
        var command = new Command("preview", "Map the first rows of a tenant's tables and print the FHIR resources (JSON on stdout; rejections on stderr)")
        {
            tenant, file, count, resource,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            using var host = await PublisherServices.StartAsync(cancellationToken);
            await using var loaded = await TenantMappingLoader.From(host.Services).LoadAsync(parse.GetValue(tenant)!, parse.GetValue(file), cancellationToken);
            var mappers = loaded.Mapping.Resources;
            if (parse.GetValue(resource) is { } type)
            {
                mappers = mappers.Where(m => m.ResourceType == type).ToList();
                if (mappers.Count == 0)
                    throw new ArgumentException($"the mapping of tenant {loaded.TenantId.Value} maps no {type} (it maps {string.Join(", ", loaded.Mapping.Resources.Select(m => m.ResourceType).Distinct())})");
            }

            await MappingPreview.PrintAsync(loaded, mappers, parse.GetValue(count), Console.Out, Console.Error, cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Option<string> TenantOption() => new("--tenant") { Description = "The registered tenant", Required = true };

    private static Option<FileInfo> FileOption() =>
        new Option<FileInfo>("--file") { Description = "Check this mapping document (JSON) instead of the registered one; nothing is registered" }.AcceptExistingOnly();

    private static string Describe(CompiledResourceMapper mapper) =>
        mapper.Children.Count == 0 ? $"{mapper.ResourceType} from {mapper.Table}" : $"{mapper.ResourceType} from {mapper.Table} with {string.Join(" and ", mapper.Children.Select(c => c.Table))}";
}
