using FhirSync.ControlPlane.ApiKeys;
using FhirSync.ControlPlane.Breakers;
using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.ControlPlane.Reconciliation;
using FhirSync.ControlPlane.Runs;
using FhirSync.ControlPlane.Usage;
using FhirSync.ControlPlane.Secrets;
using FhirSync.ControlPlane.Tenants;
using FhirSync.ControlPlane.Watermarks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace FhirSync.ControlPlane;

public static class ControlPlaneSetup
{
    /// <summary>The control database, its migrator, the tenant registry and the secret protector (its key ring checked at start).</summary>
    public static IHostApplicationBuilder AddControlPlane(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ControlDatabaseOptions>().BindConfiguration(ControlDatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<UsagePrices>().BindConfiguration(UsagePrices.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        // A keyed data source so no one resolves the control database when they meant a tenant's.
        builder.Services.AddKeyedSingleton(ControlDatabaseKey, (services, _) =>
            new MySqlDataSource(services.GetRequiredService<IOptions<ControlDatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton(services => new ControlDatabaseMigrator(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ControlDatabaseMigrator>>()));
        builder.Services.AddSingleton(services => new TenantRegistry(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new WatermarkStore(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new ReconciliationStore(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new RunStore(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<ReconciliationStore>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new UsageStore(services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey)));
        builder.Services.AddSingleton(services => new BreakerStateStore(services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey)));
        builder.Services.AddSingleton(services => new RunFollowUps(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => new TenantRunLocks(services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey)));
        builder.Services.AddSingleton(services => new TenantApiKeys(
            services.GetRequiredKeyedService<MySqlDataSource>(ControlDatabaseKey), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => SecretProtectorFactory.Create(services.GetRequiredService<IOptions<SecretsOptions>>()));
        return builder;
    }

    /// <summary>Applies pending control database migrations; call before the host starts consuming.</summary>
    public static Task MigrateControlDatabaseAsync(this IHost host, CancellationToken cancellationToken = default) =>
        host.Services.GetRequiredService<ControlDatabaseMigrator>().MigrateAsync(cancellationToken);

    public const string ControlDatabaseKey = "fhirsync.control-database";
}
