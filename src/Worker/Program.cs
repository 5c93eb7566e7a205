using FhirSync.ControlPlane;
using FhirSync.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Serilog;

Log.Logger = LoggingSetup.CreateBootstrapLogger();
try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddWorkerStages(); // first: it adds the FHIRSYNC_ environment variables, which logging reads too
    builder.AddFhirSyncLogging();

    using var host = builder.Build();
    await host.MigrateControlDatabaseAsync();
    await host.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Log.Fatal(ex, "FhirSync worker stopped: {Reason}", ex.GetType().Name);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
