using FhirSync.Extraction;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Runs;

/// <summary>
/// Keyset pages in change order on real MariaDB: a table of 3,000 rows whose change column has only seven values, so
/// most pages start inside a run of ties. Each page must start at the position (an index range, as EXPLAIN shows)
/// rather than scan the table from its beginning, and the pages together must hold every later row once, in order.
/// </summary>
[Collection(RealServices.Name)]
public sealed class KeysetPagesShould(ServicesFixture services) : IAsyncLifetime
{
    private const int Rows = 3_000;
    private const string Mapping = """
        { "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "patients", "key": ["patient_id"], "changeTracking": ["updated_at"],
          "elements": [ { "path": "name[0].family", "column": "family" } ] } ] }
        """;

    private string _database = null!;
    private TestLogin _login = null!;
    private readonly CompiledResourceMapper _mapper = MappingCompiler.Compile(Mapping, "keyset", new TenantResourceIdentity("keyset", new byte[16])).Resources[0];

    public async Task InitializeAsync()
    {
        _database = new MySqlConnectionStringBuilder(await services.MariaDb.CreateDatabaseAsync("fs_keyset")).Database;
        await services.MariaDb.ExecuteAsync($"""
            USE `{_database}`;
            CREATE TABLE patients (patient_id INT PRIMARY KEY, family VARCHAR(60) NOT NULL, updated_at DATETIME(6) NOT NULL,
              KEY ix_patients_updated (updated_at, patient_id));
            INSERT INTO patients (patient_id, family, updated_at)
              SELECT seq, CONCAT('family-', seq), TIMESTAMP('2025-01-01') + INTERVAL (seq * 7919 % 7) DAY FROM seq_1_to_{Rows};
            ANALYZE TABLE patients;
            """);
        _login = await TestLogin.CreateAsync(services.MariaDb, _database, $"SELECT ON `{_database}`.*");
    }

    public async Task DisposeAsync()
    {
        await _login.DisposeAsync();
        await services.MariaDb.ExecuteAsync($"DROP DATABASE IF EXISTS `{_database}`");
    }

    [Fact]
    public async Task StartEachPageAtItsPositionThroughTheChangeIndex()
    {
        var order = SourceOrder.ByChange(_mapper);
        await using var connection = await services.MariaDb.OpenAdminAsync();
        await connection.ChangeDatabaseAsync(_database);
        await using var explain = new MySqlCommand { Connection = connection };
        var after = PositionSql.After(order, [new DateTime(2025, 1, 4), 1500], explain);
        explain.CommandText = $"EXPLAIN SELECT patient_id, family, updated_at FROM patients WHERE {after} ORDER BY updated_at, patient_id LIMIT 100";

        await using var reader = await explain.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("range", "ix_patients_updated"), (reader.GetString("type"), reader.GetString("key")));
        Assert.DoesNotContain("filesort", reader.IsDBNull(reader.GetOrdinal("Extra")) ? "" : reader.GetString("Extra"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEveryRowAfterAPositionInsideATieOnceAndInOrder()
    {
        var start = new object?[] { new DateTime(2025, 1, 4), 1500 };
        var expected = new List<int>();
        await using (var connection = await services.MariaDb.OpenAdminAsync())
        {
            await connection.ChangeDatabaseAsync(_database);
            await using var command = new MySqlCommand(
                "SELECT patient_id FROM patients WHERE updated_at > '2025-01-04' OR (updated_at = '2025-01-04' AND patient_id > 1500) ORDER BY updated_at, patient_id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add(reader.GetInt32(0));
        }

        var read = new List<int>();
        var pages = 0;
        await foreach (var page in KeysetPageReader.ReadAsync(_login.Connections, _mapper, SourceOrder.ByChange(_mapper), start, 100, CancellationToken.None))
        {
            pages++;
            read.AddRange(page.Rows.Select(row => Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.InRange(expected.Count, 1_000, Rows - 1); // the start really is inside the table, past a tie
        Assert.Equal(expected, read);
        Assert.Equal((expected.Count + 99) / 100, pages);
    }
}
