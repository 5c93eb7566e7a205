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

    /// <summary>Immediate retries of a transient failure before the message goes to the error queue.</summary>
    [Range(0, 10, ErrorMessage = "RabbitMq:RetryLimit must be between 0 and 10")]
    public int RetryLimit { get; set; } = 3;

    /// <summary>Delay between those retries.</summary>
    [Range(0, 600_000, ErrorMessage = "RabbitMq:RetryIntervalMs must be between 0 and 600000")]
    public int RetryIntervalMs { get; set; } = 2_000;
}
