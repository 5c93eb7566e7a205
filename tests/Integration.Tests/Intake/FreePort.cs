using System.Net;
using System.Net.Sockets;

namespace FhirSync.Integration.Tests.Intake;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the OS picks it), for a child process to bind.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
