namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Real RabbitMQ and MariaDB, started (or found) once for the whole test assembly, with demo tenants seeded.</summary>
public sealed class ServicesFixture : IAsyncLifetime
{
    internal MariaDbService MariaDb { get; private set; } = null!;

    internal RabbitMqService RabbitMq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MariaDb = await MariaDbService.StartAsync();
        RabbitMq = await RabbitMqService.StartAsync();
        await MariaDb.SeedDemoTenantsAsync();
    }

    public async Task DisposeAsync()
    {
        await RabbitMq.DisposeAsync();
        await MariaDb.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RealServices : ICollectionFixture<ServicesFixture>
{
    public const string Name = "real services";
}
