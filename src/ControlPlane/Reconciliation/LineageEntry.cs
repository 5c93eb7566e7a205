namespace FhirSync.ControlPlane.Reconciliation;

/// <summary>One source key's resource and what the last run that handled it did with it: <see cref="LineageState"/>.</summary>
public sealed record LineageEntry(string ResourceType, string SourceTable, string SourceKey, string ResourceId, string State, Guid RunId);
