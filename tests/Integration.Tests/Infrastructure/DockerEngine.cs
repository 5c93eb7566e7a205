using System.Net.Sockets;

namespace FhirSync.Integration.Tests.Infrastructure;

/// <summary>Whether a Docker engine answers here; if not, fixtures use the services scripts/setup-services.sh started.</summary>
internal static class DockerEngine
{
    public static bool Answers { get; } = Probe();

    private static bool Probe()
    {
        if (Environment.GetEnvironmentVariable("FHIRSYNC_TEST_USE_DOCKER") == "0") return false;
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 }) return true;
        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath)) return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
