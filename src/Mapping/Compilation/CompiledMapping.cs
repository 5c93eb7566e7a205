namespace FhirSync.Mapping.Compilation;

/// <summary>A tenant's mapping document, checked against the FHIR model and compiled into mappers.</summary>
public sealed record CompiledMapping(string DocumentName, IReadOnlyList<CompiledResourceMapper> Resources);
