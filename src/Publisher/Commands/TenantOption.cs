using System.CommandLine;

namespace FhirSync.Publisher.Commands;

/// <summary>The <c>--id</c> option every per-tenant command takes.</summary>
internal static class TenantOption
{
    public static Option<string> Create() => new("--id") { Description = "Tenant id", Required = true };
}
