using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>One open source connection, lent for one page; disposing hands it back (once) instead of closing it.</summary>
public sealed class SourceConnectionLease(MySqlConnection connection, Func<MySqlConnection, ValueTask> giveBack) : IAsyncDisposable
{
    private int _returned;

    public MySqlConnection Connection { get; } = connection;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _returned, 1) == 0 ? giveBack(Connection) : ValueTask.CompletedTask;
}
