using FhirSync.ControlPlane.Tenants;
using FhirSync.Worker.Tenancy;
using MassTransit;
using Microsoft.Extensions.Options;

namespace FhirSync.Worker.Consumers;

/// <summary>
/// Checks a request against its tenant before anything runs: the resource types it names must be mapped, and its
/// sender must be allowed to ask for that tenant. The sender is the RabbitMQ user in the message's <c>user_id</c>
/// property, which the broker refuses to pass on unless it is the publisher's own login.
/// </summary>
internal sealed class RequestChecks(IOptions<MessagingOptions> options)
{
    /// <exception cref="RequestRefusedException">The request must not run.</exception>
    public void Check(ConsumeContext context, TenantContext tenant, TenantRunRequest request, bool senderRequired)
    {
        foreach (var type in request.ResourceTypes ?? [])
        {
            if (!tenant.Mapping.Resources.Any(r => r.ResourceType == type))
                throw new RequestRefusedException($"resource type '{Printable(type)}' is not mapped for tenant {tenant.TenantId.Value}");
        }

        var sender = SenderOf(context);
        if (sender is null)
        {
            if (senderRequired) throw new RequestRefusedException("a request on the intake queue must carry the AMQP user_id property of its sender");
            return;
        }

        var prefix = options.Value.TenantUserPrefix;
        if (sender.StartsWith(prefix, StringComparison.Ordinal))
        {
            if (sender.Length > prefix.Length && sender[prefix.Length..] == tenant.TenantId.Value) return;
            throw new RequestRefusedException($"RabbitMQ user {TenantId.Printable(sender)} may not request tenant {tenant.TenantId.Value}");
        }

        if (!IsTrusted(sender)) throw new RequestRefusedException($"RabbitMQ user {TenantId.Printable(sender)} is neither a tenant's nor a trusted publisher");
    }

    /// <summary>The RabbitMQ user that published the message, if it said (the broker has checked it).</summary>
    public static string? SenderOf(ConsumeContext context) =>
        context.ReceiveContext is RabbitMqBasicConsumeContext rabbit && !string.IsNullOrEmpty(rabbit.Properties.UserId) ? rabbit.Properties.UserId : null;

    private bool IsTrusted(string sender) =>
        options.Value.TrustedPublishers.Contains(sender, StringComparer.Ordinal) || sender == Uri.UnescapeDataString(options.Value.Url?.UserInfo.Split(':')[0] ?? string.Empty);

    private static string Printable(string text) => new([.. text.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '?')]);
}
