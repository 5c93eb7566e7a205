namespace FhirSync.Publisher.Messaging;

/// <summary>A sync request in the error queue, as an operator sees it: whose, why, and when. Never the body's values.</summary>
internal sealed record DeadLetter(string TenantId, Guid? RunId, string Reason, DateTimeOffset? FaultedAt);
