namespace FhirSync.Worker.Consumers;

/// <summary>
/// A request that must not run as it is: it names a resource type the tenant's mapping does not produce, or a tenant
/// its authenticated sender may not ask for. Refused before anything runs, kept in the error queue, not retried.
/// The message quotes only sanitized ids and type names.
/// </summary>
internal sealed class RequestRefusedException(string reason) : Exception(reason);
