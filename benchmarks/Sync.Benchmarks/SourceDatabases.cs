using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace FhirSync.Sync.Benchmarks;

/// <summary>One benchmark tenant's source database and its least-privilege login.</summary>
internal sealed record SourceDatabase(string Database, string Login, string Password, int Patients, int Observations)
{
    public int Rows => Patients + Observations;

    public string ConnectionString(string host, int port) =>
        $"Server={host};Port={port};Database={Database};User ID={Login};Password={Password}";
}

/// <summary>
/// Creates tenant databases with hospital-a's schema and generators (demo/sql/hospital-a.sql): every table, the
/// organizations, and the patient and observation INSERT ... SELECT statements with their sequence sizes scaled.
/// The other tables stay empty, so a sync writes Organization, Patient and Observation resources only.
/// </summary>
internal sealed partial class SourceDatabases(string adminConnectionString, string demoSqlPath)
{
    private const string DemoDatabase = "tenant_hospital_a";

    public async Task<SourceDatabase> CreateAsync(string database, int patients, int observations, CancellationToken cancellationToken)
    {
        var login = "fs_" + database;
        var password = "bench_" + database + "_pw";
        var statements = new List<string> { $"DROP DATABASE IF EXISTS `{database}`", $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", $"USE `{database}`" };
        statements.AddRange(DemoStatements(patients, observations));
        foreach (var host in (string[])["127.0.0.1", "localhost"])
        {
            statements.Add($"CREATE USER IF NOT EXISTS '{login}'@'{host}' IDENTIFIED BY '{password}'");
            statements.Add($"ALTER USER '{login}'@'{host}' IDENTIFIED BY '{password}'");
            statements.Add($"GRANT SELECT ON `{database}`.* TO '{login}'@'{host}'");
        }

        await using var connection = await OpenAdminAsync(cancellationToken);
        foreach (var sql in statements) await ExecuteAsync(connection, sql, cancellationToken);
        return new SourceDatabase(database, login, password, patients, observations);
    }

    /// <summary>
    /// Marks one row in a hundred of each table changed, with an updated_at past every generated one (the generator's
    /// timestamps run centuries ahead at full size), so the next incremental run reads exactly those rows.
    /// </summary>
    public async Task<int> ChangeOnePercentAsync(SourceDatabase source, int round, CancellationToken cancellationToken)
    {
        var stamp = new DateTime(9990, 1, 1).AddMinutes(round).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await using var connection = await OpenAdminAsync(cancellationToken);
        var changed = 0;
        foreach (var (table, key) in new[] { ("patients", "patient_id"), ("observations", "observation_id") })
        {
            changed += await ExecuteAsync(connection,
                $"UPDATE `{source.Database}`.`{table}` SET updated_at = TIMESTAMP('{stamp}') WHERE MOD({key}, 100) = {round % 100}", cancellationToken);
        }

        return changed;
    }

    public async Task<MySqlConnection> OpenAdminAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(adminConnectionString) { DefaultCommandTimeout = 3600 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private IEnumerable<string> DemoStatements(int patients, int observations)
    {
        var text = string.Join('\n', File.ReadLines(demoSqlPath).Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        foreach (var raw in text.Split(";\n"))
        {
            var statement = raw.Trim();
            if (statement.StartsWith("SET ", StringComparison.Ordinal) || statement.StartsWith("CREATE TABLE", StringComparison.Ordinal) ||
                statement.StartsWith("INSERT INTO organizations", StringComparison.Ordinal))
            {
                yield return statement;
            }
            else if (statement.StartsWith("INSERT INTO patients", StringComparison.Ordinal))
            {
                yield return Scaled(statement, patients);
            }
            else if (statement.StartsWith("INSERT INTO observations", StringComparison.Ordinal))
            {
                yield return Scaled(statement, observations);
            }
            else if (statement.Contains(DemoDatabase, StringComparison.Ordinal) is false && statement.Length > 0 && !IsKnownSkipped(statement))
            {
                throw new InvalidOperationException($"demo/sql/hospital-a.sql has a statement the benchmark does not know: {statement[..Math.Min(60, statement.Length)]}");
            }
        }
    }

    /// <summary>Statements for the tables the benchmark leaves empty, and the demo's own login.</summary>
    private static bool IsKnownSkipped(string statement) =>
        statement.StartsWith("INSERT INTO ", StringComparison.Ordinal) || statement.StartsWith("CREATE USER", StringComparison.Ordinal) ||
        statement.StartsWith("ALTER USER", StringComparison.Ordinal) || statement.StartsWith("GRANT", StringComparison.Ordinal);

    private static string Scaled(string statement, int rows)
    {
        var matches = SequenceTable().Matches(statement);
        if (matches.Count != 1) throw new InvalidOperationException($"expected one seq_1_to_N table in: {statement[..40]}");
        return SequenceTable().Replace(statement, $"seq_1_to_{rows.ToString(CultureInfo.InvariantCulture)}");
    }

    private static async Task<int> ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"seq_1_to_\d+")]
    private static partial Regex SequenceTable();
}
