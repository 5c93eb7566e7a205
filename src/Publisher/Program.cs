using System.CommandLine;
using FhirSync.Publisher.Commands;

var root = new RootCommand("fhirsync: request syncs, onboard tenants and rotate keys of a FhirSync installation")
{
    SyncCommand.Create(),
    RunsCommands.Create(),
    UsageCommand.Create(),
    ReconcileCommand.Create(),
    ReportCommand.Create(),
    TenantCommands.Create(),
    MappingCommands.Create(),
    WatermarkCommands.Create(),
    ErrorCommands.Create(),
    KeyCommands.Create(),
    ServeCommand.Create(),
    DashboardCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
