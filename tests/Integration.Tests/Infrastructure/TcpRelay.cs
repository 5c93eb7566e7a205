using System.Net;
using System.Net.Sockets;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>
/// A real TCP hop in front of one service (a tenant's MariaDB, a FHIR server), so a test can take that one tenant's
/// dependency down (connections refused), make it hang (accepted, never answered), or bring it back, while the
/// service itself and every other tenant on it go on. The port stays the same throughout.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    private TcpRelay(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>True while accepted connections are held silent instead of relayed.</summary>
    public bool Hanging { get; private set; }

    public static TcpRelay Start(string host, int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var free = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var relay = new TcpRelay(new IPEndPoint(Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork), port), free);
        relay.Resume();
        return relay;
    }

    /// <summary>Stops listening and cuts every relayed connection: the dependency is down, connections are refused.</summary>
    public void Refuse()
    {
        _stop.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts connections and never answers them: the dependency hangs.</summary>
    public void Hang()
    {
        Refuse();
        Hanging = true;
        Listen();
    }

    /// <summary>Relays again: the dependency is back.</summary>
    public void Resume()
    {
        Refuse();
        Hanging = false;
        Listen();
    }

    public ValueTask DisposeAsync()
    {
        Refuse();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Listen()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_open) _open.Add(client);
            if (!Hanging) _ = RelayAsync(client, stop);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken stop)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target, stop);
            lock (_open) _open.Add(upstream);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, stop), up.CopyToAsync(down, stop));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // A cut relay ends its copies this way.
        }
        finally
        {
            client.Dispose();
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
        }
    }
}
