using System.ComponentModel.DataAnnotations;

namespace FhirSync.Worker.Consumers;

public sealed class MessagingOptions
{
    public const string Section = "RabbitMq";

    /// <summary>Broker address, e.g. <c>amqp://user:password@host:5672/vhost</c>. Holds a secret: never logged.</summary>
    [Required(ErrorMessage = "RabbitMq:Url is required")]
    public Uri? Url { get; set; }

    /// <summary>Sync runs one worker process carries at once.</summary>
    [Range(1, 64, ErrorMessage = "RabbitMq:ConcurrentSyncs must be between 1 and 64")]
    public int ConcurrentSyncs { get; set; } = 4;

    /// <summary>
    /// Scheduled syncs one worker process carries at once, on their own queue and on top of <see cref="ConcurrentSyncs"/>,
    /// so on-demand requests never wait behind the nightly backlog.
    /// </summary>
    [Range(1, 64, ErrorMessage = "RabbitMq:ScheduledConcurrentSyncs must be between 1 and 64")]
    public int ScheduledConcurrentSyncs { get; set; } = 2;

    /// <summary>RabbitMQ users whose requests may name any tenant, besides the one in <see cref="Url"/>.</summary>
    public string[] TrustedPublishers { get; set; } = [];

    /// <summary>RabbitMQ users named with this prefix and a tenant id (<c>tenant-clinic-b</c>) may request only that tenant.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "RabbitMq:TenantUserPrefix must not be empty")]
    public string TenantUserPrefix { get; set; } = "tenant-";

    /// <summary>Immediate retries of a transient failure before the request is deferred.</summary>
    [Range(0, 10, ErrorMessage = "RabbitMq:RetryLimit must be between 0 and 10")]
    public int RetryLimit { get; set; } = 3;

    /// <summary>Delay between those retries.</summary>
    [Range(0, 600_000, ErrorMessage = "RabbitMq:RetryIntervalMs must be between 0 and 600000")]
    public int RetryIntervalMs { get; set; } = 2_000;

    /// <summary>
    /// Deferrals of one run (breaker open, or a transient failure past the immediate retries) before it goes to the
    /// error queue. With the default delay, a day of five-minute deferrals.
    /// </summary>
    [Range(0, 10_000, ErrorMessage = "RabbitMq:DeferralLimit must be between 0 and 10000")]
    public int DeferralLimit { get; set; } = 288;

    /// <summary>Wait before a deferred request is published again, unless an open breaker says when it will test.</summary>
    [Range(100, 86_400_000, ErrorMessage = "RabbitMq:DeferralDelayMs must be between 100 and 86400000")]
    public int DeferralDelayMs { get; set; } = 300_000;

    /// <summary>Deliveries of one message before it is refused to the error queue (a message that crashes the worker each time).</summary>
    [Range(1, 100, ErrorMessage = "RabbitMq:DeliveryLimit must be between 1 and 100")]
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>
    /// How long a stopping worker lets its runs finish. Past it the process exits and the broker gives the unfinished
    /// request to another worker (a delivery that counts towards <see cref="DeliveryLimit"/>).
    /// </summary>
    [Range(1, 3_600, ErrorMessage = "RabbitMq:StopTimeoutSeconds must be between 1 and 3600")]
    public int StopTimeoutSeconds { get; set; } = 60;

    /// <summary>Largest sync request accepted; a larger one cannot be a real request and goes to the error queue.</summary>
    [Range(1_024, 16_777_216, ErrorMessage = "RabbitMq:MaxMessageBytes must be between 1024 and 16777216")]
    public int MaxMessageBytes { get; set; } = 65_536;
}
