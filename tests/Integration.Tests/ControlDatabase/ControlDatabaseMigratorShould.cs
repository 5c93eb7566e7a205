using FhirSync.ControlPlane.ControlDatabase;
using FhirSync.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace FhirSync.Integration.Tests.ControlDatabase;

[Collection(RealServices.Name)]
public sealed class ControlDatabaseMigratorShould(ServicesFixture services)
{
    [Fact]
    public async Task ApplyEachMigrationOnceWhenSeveralWorkersStartTogether()
    {
        var connectionString = await services.MariaDb.CreateDatabaseAsync("fhirsync_migrate");
        var dataSources = Enumerable.Range(0, 4).Select(_ => new MySqlDataSource(connectionString)).ToList();

        await Task.WhenAll(dataSources.Select(source =>
            new ControlDatabaseMigrator(source, TimeProvider.System, NullLogger<ControlDatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None)));
        // And again, as on every later start: nothing more is applied.
        await new ControlDatabaseMigrator(dataSources[0], TimeProvider.System, NullLogger<ControlDatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        await using var connection = await dataSources[0].OpenConnectionAsync();
        await using var command = new MySqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        var applied = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) applied.Add(reader.GetInt32(0));
        }

        Assert.Equal(ControlDatabaseMigrator.EmbeddedMigrations().Select(m => m.Version), applied);
        await using var tenants = new MySqlCommand("SELECT COUNT(*) FROM tenants", connection);
        Assert.Equal(0L, await tenants.ExecuteScalarAsync());
        foreach (var source in dataSources) await source.DisposeAsync();
    }
}
