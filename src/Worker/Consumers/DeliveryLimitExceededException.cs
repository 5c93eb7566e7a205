namespace FhirSync.Worker.Consumers;

/// <summary>
/// A request delivered more often than the limit without ever being answered: each earlier attempt stopped its worker
/// (killed, out of memory) before it could succeed or fail. Refused to the error queue. Not retried.
/// </summary>
internal sealed class DeliveryLimitExceededException(long deliveries, int limit)
    : Exception($"the request was delivered {deliveries} times without an answer, more than the {limit} allowed (RabbitMq:DeliveryLimit): each attempt stopped its worker");
