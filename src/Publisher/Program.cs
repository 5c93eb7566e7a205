using System.CommandLine;
using FhirSync.Publisher.Commands;

var root = new RootCommand("fhirsync: request syncs and onboard tenants of a FhirSync installation")
{
    SyncCommand.Create(),
    TenantCommands.Create(),
    MappingCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
