namespace FhirSync.Worker.Sinks;

/// <summary>Another run of the tenant held its store for too long: transient, and not a fault of the store itself.</summary>
internal sealed class SinkBusyException(string tenantId, TimeSpan waited)
    : Exception($"another run of tenant '{tenantId}' held its NDJSON folder for more than {waited.TotalSeconds:0} s");
