namespace FhirSync.Publisher.Dashboard;

/// <summary>
/// Where and as whom the dashboard asks the management API: the virtual host of <c>RabbitMq:Url</c>, and the
/// <c>Dashboard:RabbitMqUser</c>/<c>Dashboard:RabbitMqPassword</c> login, else the broker URL's own.
/// </summary>
internal sealed record RabbitMqManagementLogin(Uri ManagementUrl, string VirtualHost, string? User, string? Password)
{
    public static RabbitMqManagementLogin From(DashboardOptions options, Uri brokerUrl)
    {
        var userInfo = brokerUrl.UserInfo.Split(':', 2);
        var brokerUser = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null;
        var brokerPassword = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null;
        // amqp://host/ and amqp://host are the default virtual host "/"; amqp://host/%2F names it too.
        var path = brokerUrl.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var root = options.RabbitMqManagementUrl.AbsoluteUri.EndsWith('/') ? options.RabbitMqManagementUrl : new Uri(options.RabbitMqManagementUrl.AbsoluteUri + "/");
        return new RabbitMqManagementLogin(root, virtualHost, options.RabbitMqUser ?? brokerUser, options.RabbitMqPassword ?? brokerPassword);
    }

    /// <summary>Never prints the password (a record would).</summary>
    public override string ToString() => $"{User ?? "(no user)"} at {ManagementUrl} (virtual host {VirtualHost})";
}
