namespace FhirSync.Worker.Consumers;

/// <summary>
/// Rethrown in place of the original failure so that what MassTransit copies into the error queue's fault headers
/// is the sanitized reason, never a foreign exception's message or stack of values.
/// </summary>
internal sealed class SyncRunFailedException(string tenantId, string stage, string reason, bool permanent)
    : Exception($"sync of tenant '{tenantId}' failed at {stage}: {reason}")
{
    public bool IsPermanent { get; } = permanent;
}
