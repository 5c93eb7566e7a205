using System.CommandLine;
using FhirSync.ControlPlane.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Commands;

/// <summary><c>fhirsync tenant disable|enable|remove</c>: each stored, then announced to the workers.</summary>
internal static class TenantStateCommands
{
    public static Command Disable() => SetEnabled("disable", "Stop syncing a tenant: its messages are refused, its schedule stops", enabled: false);

    public static Command Enable() => SetEnabled("enable", "Resume syncing a disabled tenant", enabled: true);

    public static Command Remove()
    {
        var id = TenantOption.Create();
        var confirm = new Option<bool>("--yes") { Description = "Confirm: the tenant's id salt goes too, so a re-added tenant gets new resource ids" };
        var command = new Command("remove", "Delete a tenant, its encrypted credentials and its API keys") { id, confirm };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            if (!parse.GetValue(confirm))
            {
                await Console.Error.WriteLineAsync($"error: removing tenant {tenantId} deletes its id salt, so resources written for it could never be updated again; repeat with --yes, or use 'tenant disable'");
                return 2;
            }

            using var host = await PublisherServices.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<TenantRegistry>().RemoveAsync(tenantId, cancellationToken)) return await NotRegistered(tenantId);
            Console.WriteLine($"tenant {tenantId} removed");
            await host.AnnounceAsync(tenantId, "removed", cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Command SetEnabled(string name, string description, bool enabled)
    {
        var id = TenantOption.Create();
        var command = new Command(name, description) { id };
        command.SetAction((parse, cancellationToken) => CommandErrors.Report(async () =>
        {
            var tenantId = TenantId.Parse(parse.GetValue(id));
            using var host = await PublisherServices.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<TenantRegistry>().SetEnabledAsync(tenantId, enabled, cancellationToken)) return await NotRegistered(tenantId);
            Console.WriteLine($"tenant {tenantId} {name}d");
            await host.AnnounceAsync(tenantId, $"{name}d", cancellationToken);
            return 0;
        }));
        return command;
    }

    internal static async Task<int> NotRegistered(TenantId tenantId)
    {
        await Console.Error.WriteLineAsync($"error: tenant {tenantId} is not registered");
        return 1;
    }
}
