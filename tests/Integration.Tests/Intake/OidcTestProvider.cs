using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FhirSync.Integration.Tests.Infrastructure;

namespace FhirSync.Integration.Tests.Intake;

/// <summary>
/// panva's oidc-provider (tools/oidc-test-provider) as a child process on a free port: real discovery, JWKS and token
/// endpoints. The test writes its signing keys; a rotation restarts it on the same issuer with another key set.
/// </summary>
internal sealed class OidcTestProvider : IAsyncDisposable
{
    public const string Audience = "https://fhirsync.test/intake";
    public const string OtherAudience = "https://other.test/api";

    private readonly string _folder = Directory.CreateTempSubdirectory("fhirsync-oidc-").FullName;
    private readonly IReadOnlyList<OidcClient> _clients;
    private readonly HttpClient _http = new();
    private readonly int _port = FreePort.Next();
    private Process? _process;

    private OidcTestProvider(IReadOnlyList<OidcClient> clients) => _clients = clients;

    public Uri Issuer => new($"http://127.0.0.1:{_port}");

    public static async Task<OidcTestProvider> StartAsync(IReadOnlyList<OidcClient> clients, SigningKey signingKey)
    {
        var provider = new OidcTestProvider(clients);
        await provider.StartWithAsync(signingKey);
        return provider;
    }

    /// <summary>Stops the provider and starts it again publishing only <paramref name="signingKey"/>: the old key is gone.</summary>
    public async Task RotateToAsync(SigningKey signingKey)
    {
        await StopAsync();
        await StartWithAsync(signingKey);
    }

    /// <summary>A real access token from the token endpoint (client_credentials, client_secret_basic).</summary>
    public async Task<string> TokenAsync(OidcClient client, string? resource = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["resource"] = resource ?? Audience,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task StartWithAsync(SigningKey signingKey)
    {
        var jwksFile = Path.Combine(_folder, $"jwks-{signingKey.Kid}.json");
        await File.WriteAllTextAsync(jwksFile, JsonSerializer.Serialize(new { keys = new[] { signingKey.PrivateJwk() } }));
        var configFile = Path.Combine(_folder, "provider.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new
        {
            port = _port, issuer = Issuer.ToString().TrimEnd('/'), jwksFile, audiences = new[] { Audience, OtherAudience }, accessTokenTtlSeconds = 300,
            clients = _clients.Select(c => new { clientId = c.ClientId, clientSecret = c.ClientSecret, roles = c.Roles, realmRoles = c.RealmRoles ?? [] }),
        }));
        var server = Path.Combine(RepositoryRoot.Path, "tools", "oidc-test-provider", "server.mjs");
        var start = new ProcessStartInfo("node", [server, "--config", configFile]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        _process = ChildProcessOutput.Start(start, new StringBuilder());
        await Eventually.TrueAsync(async () => await AnswersAsync(), $"the OIDC test provider's discovery at {Issuer}", TimeSpan.FromSeconds(20));
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Issuer, "/.well-known/openid-configuration"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
