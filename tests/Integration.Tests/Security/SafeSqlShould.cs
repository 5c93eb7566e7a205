using System.Text.RegularExpressions;
using FhirSync.Extraction;
using FhirSync.Integration.Tests.Infrastructure;
using FhirSync.Mapping;
using FhirSync.Mapping.Compilation;
using MySqlConnector;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// Mapping documents that put hostile text where a table or column name goes, or into a filter value, run through the
/// real schema check and keyset reader on a least-privilege login. Names are refused before any SQL names them,
/// values are bound as data, and MariaDB's general log shows that the login sent nothing else.
/// </summary>
[Collection(RealServices.Name)]
public sealed partial class SafeSqlShould(ServicesFixture services) : IAsyncLifetime
{
    private const int Patients = 4;
    private string _database = null!;
    private TestLogin _login = null!;
    private GeneralLogWindow _log = null!;

    public static TheoryData<string> Places => [.. SafeSqlMapping.Places.Keys];

    public async Task InitializeAsync()
    {
        _database = new MySqlConnectionStringBuilder(await services.MariaDb.CreateDatabaseAsync("fs_safesql")).Database;
        await services.MariaDb.ExecuteAsync($"""
            USE `{_database}`;
            CREATE TABLE patients (patient_id INT PRIMARY KEY, family VARCHAR(60) NOT NULL, gender VARCHAR(10) NOT NULL,
              updated_at DATETIME NOT NULL, `{Quoted(HostileNames.WithBacktick("family"))}` VARCHAR(60), `{HostileNames.WithSpace("family")}` VARCHAR(60));
            INSERT INTO patients (patient_id, family, gender, updated_at) VALUES
              (1, 'Smith', 'male', '2024-01-01'), (2, 'O''Brien', 'female', '2024-01-02'), (3, 'García', 'female', '2024-01-03'), (4, 'Lee', 'other', '2024-01-04');
            CREATE TABLE patient_phones (phone_id INT PRIMARY KEY, patient_id INT NOT NULL, phone VARCHAR(30) NOT NULL, ord INT NOT NULL);
            INSERT INTO patient_phones VALUES (1, 1, '555-0101', 1), (2, 1, '555-0102', 2), (3, 3, '555-0103', 1);
            CREATE TABLE `{Quoted(HostileNames.WithBacktick("patients"))}` (patient_id INT PRIMARY KEY, family VARCHAR(60));
            CREATE TABLE `{HostileNames.WithSpace("patients")}` (patient_id INT PRIMARY KEY, family VARCHAR(60));
            """);
        _login = await TestLogin.CreateAsync(services.MariaDb, _database, $"SELECT ON `{_database}`.*");
        _log = await GeneralLogWindow.OpenAsync(services.MariaDb);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _login.DisposeAsync();
        await services.MariaDb.ExecuteAsync($"DROP DATABASE IF EXISTS `{_database}`");
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task RefuseAHostileNameWhereverAMappingNamesATableOrColumn(string place)
    {
        var names = HostileNames.Around(SafeSqlMapping.Places[place]);
        foreach (var name in names)
        {
            var mapping = SafeSqlMapping.With(place, name);
            var refused = await Assert.ThrowsAsync<MappingDefinitionException>(() => SourceSchemaVerifier.VerifyAsync(mapping, _login.Connections, CancellationToken.None));
            Assert.Equal(SafeSqlMapping.Refusal(place, name), refused.Problem);
            // Even a caller that skipped the check gets no SQL with the name in it.
            await Assert.ThrowsAsync<ArgumentException>(() => ReadRowsAsync(mapping));
        }

        await AssertTheLoginSentOnlyPlainSqlAsync(names);
    }

    [Fact]
    public async Task RefuseATableOrColumnThatExistsButIsNotAPlainIdentifier()
    {
        (string Place, string Name, string Table)[] real =
        [
            ("table", HostileNames.WithBacktick("patients"), HostileNames.WithBacktick("patients")),
            ("table", HostileNames.WithSpace("patients"), HostileNames.WithSpace("patients")),
            ("column", HostileNames.WithBacktick("family"), "patients"),
            ("column", HostileNames.WithSpace("family"), "patients"),
        ];
        var visible = await VisibleColumnsAsync();
        foreach (var (place, name, table) in real)
        {
            Assert.Contains(visible, c => c.Table == table && (place == "table" || c.Column == name));
            var refused = await Assert.ThrowsAsync<MappingDefinitionException>(() => SourceSchemaVerifier.VerifyAsync(SafeSqlMapping.With(place, name), _login.Connections, CancellationToken.None));
            Assert.Equal(SafeSqlMapping.Refusal(place, name), refused.Problem);
        }

        await AssertTheLoginSentOnlyPlainSqlAsync(real.Select(r => r.Name).ToList());
    }

    [Fact]
    public async Task BindHostileFilterValuesAsParametersSoTheyMatchNoRow()
    {
        string[] values = ["x' OR '1'='1", "\\'; DROP TABLE patients; --", "x'; DROP TABLE patients; -- ", "' UNION SELECT patient_id, family FROM patients #", "Smith' /*", "%"];
        foreach (var value in values)
        {
            var json = JsonString(value);
            foreach (var filter in new[] { $$"""{ "column": "family", "op": "equals", "value": {{json}} }""", $$"""{ "column": "family", "op": "in", "values": [{{json}}] }""" })
            {
                var mapping = SafeSqlMapping.Filtered(filter);
                await SourceSchemaVerifier.VerifyAsync(mapping, _login.Connections, CancellationToken.None);
                Assert.Equal(0, await ReadRowsAsync(mapping));
            }
        }

        // The same path finds a row whose value really holds a quote: the filter works, and compares data as data.
        Assert.Equal(1, await ReadRowsAsync(SafeSqlMapping.Filtered("""{ "column": "family", "op": "equals", "value": "O'Brien" }""")));
        var statements = await AssertTheLoginSentOnlyPlainSqlAsync([]);
        foreach (var value in values) Assert.Contains(statements, s => LoggedSql.Parse(s.Text).Strings.Contains(value));
    }

    private async Task<int> ReadRowsAsync(CompiledMapping mapping)
    {
        var rows = 0;
        foreach (var mapper in mapping.Resources)
        {
            await foreach (var page in KeysetPageReader.ReadAsync(_login.Connections, mapper, 100, CancellationToken.None)) rows += page.Rows.Count;
        }

        return rows;
    }

    /// <summary>
    /// Reads what the login sent while the test ran. Outside literals and back-quoted names there is no second
    /// statement, no comment and no write; every back-quoted name is a plain name of the database; no statement
    /// carries an injected name at all. Then checks as admin that every table and row is still there.
    /// </summary>
    private async Task<IReadOnlyList<LoggedStatement>> AssertTheLoginSentOnlyPlainSqlAsync(IReadOnlyList<string> injectedNames)
    {
        var statements = await _log.StatementsOfAsync(_login.User);
        Assert.Contains(statements, s => s.Text.Contains("INFORMATION_SCHEMA.COLUMNS", StringComparison.Ordinal));
        var plainNames = (await VisibleColumnsAsync()).SelectMany(c => new[] { c.Table, c.Column }).Where(SqlIdentifier.IsValid).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in statements)
        {
            var sql = LoggedSql.Parse(statement.Text);
            Assert.DoesNotMatch(OutsideData(), sql.Code);
            Assert.All(sql.Identifiers, name => Assert.Contains(name, plainNames));
            Assert.All(injectedNames, name => Assert.False(sql.Identifiers.Contains(name) || sql.Code.Contains(name, StringComparison.Ordinal), name));
        }

        await using var admin = await services.MariaDb.OpenAdminAsync();
        await using var count = new MySqlCommand($"SELECT (SELECT COUNT(*) FROM `{_database}`.patients), (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = @db)", admin);
        count.Parameters.AddWithValue("@db", _database);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((Patients, 4L), (reader.GetInt64(0), reader.GetInt64(1)));
        return statements;
    }

    private async Task<List<(string Table, string Column)>> VisibleColumnsAsync()
    {
        await using var connection = await _login.OpenAsync();
        await using var command = new MySqlCommand("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string, string)>();
        while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    private static string Quoted(string name) => name.Replace("`", "``", StringComparison.Ordinal);

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>Code that would mean injected text ran as SQL: a statement separator, a comment, or a write.</summary>
    [GeneratedRegex(@";|--|/\*|#|\b(DROP|DELETE|UPDATE|INSERT|REPLACE|ALTER|CREATE|TRUNCATE|RENAME|GRANT|UNION)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideData();
}
