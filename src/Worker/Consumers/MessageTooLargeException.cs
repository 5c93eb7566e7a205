namespace FhirSync.Worker.Consumers;

/// <summary>A sync request far larger than any real one: refused before anything runs, kept in the error queue. Not retried.</summary>
internal sealed class MessageTooLargeException(long bytes, int limit)
    : Exception($"the request is {bytes} bytes, more than the {limit} bytes a sync request may have (RabbitMq:MaxMessageBytes)");
