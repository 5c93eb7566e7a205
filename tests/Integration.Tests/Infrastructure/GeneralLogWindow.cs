using MySqlConnector;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>One statement the server received, as its general log recorded it.</summary>
internal sealed record LoggedStatement(string CommandType, string Text);

/// <summary>
/// MariaDB's general log, written to <c>mysql.general_log</c> while a test runs and restored to its previous settings
/// on dispose, to show what a login really sent. The log is server-wide: keep the window to a few seconds.
/// </summary>
internal sealed class GeneralLogWindow : IAsyncDisposable
{
    private readonly MariaDbService _mariaDb;
    private readonly bool _wasOn;
    private readonly string _previousOutput;
    private readonly DateTime _since;

    private GeneralLogWindow(MariaDbService mariaDb, bool wasOn, string previousOutput, DateTime since)
    {
        _mariaDb = mariaDb;
        _wasOn = wasOn;
        _previousOutput = previousOutput;
        _since = since;
    }

    public static async Task<GeneralLogWindow> OpenAsync(MariaDbService mariaDb)
    {
        await using var connection = await mariaDb.OpenAdminAsync();
        GeneralLogWindow window;
        await using (var command = new MySqlCommand("SELECT @@GLOBAL.general_log, @@GLOBAL.log_output, NOW(6)", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            window = new GeneralLogWindow(mariaDb, reader.GetInt32(0) == 1, reader.GetString(1), reader.GetDateTime(2));
        }

        // Add TABLE to whatever output is set, so a log file someone relies on keeps being written.
        var output = window._previousOutput.Contains("TABLE", StringComparison.OrdinalIgnoreCase) ? window._previousOutput
            : window._previousOutput.Equals("NONE", StringComparison.OrdinalIgnoreCase) ? "TABLE" : $"{window._previousOutput},TABLE";
        await SetAsync(connection, output, on: true);
        return window;
    }

    /// <summary>Every statement sessions of <paramref name="user"/> sent since the window opened, in order.</summary>
    public async Task<IReadOnlyList<LoggedStatement>> StatementsOfAsync(string user)
    {
        await using var connection = await _mariaDb.OpenAdminAsync();
        // user_host reads "priv_user[login] @ host [ip]" ("[login] @ ..." on Connect lines).
        await using var command = new MySqlCommand("""
            SELECT command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log
            WHERE event_time >= @since AND LOCATE(@login, user_host) > 0 ORDER BY event_time
            """, connection);
        command.Parameters.AddWithValue("@since", _since);
        command.Parameters.AddWithValue("@login", $"[{user}] @ ");
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<LoggedStatement>();
        while (await reader.ReadAsync()) statements.Add(new LoggedStatement(reader.GetString(0), reader.GetString(1)));
        return statements;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _mariaDb.OpenAdminAsync();
        await SetAsync(connection, _previousOutput, _wasOn);
    }

    private static async Task SetAsync(MySqlConnection connection, string output, bool on)
    {
        // Switched on only once TABLE is an output, and off before the output goes back.
        var sql = on ? "SET GLOBAL log_output = @output; SET GLOBAL general_log = ON" : "SET GLOBAL general_log = OFF; SET GLOBAL log_output = @output";
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@output", output);
        await command.ExecuteNonQueryAsync();
    }
}
