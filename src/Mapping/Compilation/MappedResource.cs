using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Compilation;

/// <summary>A resource built from one source row, with the row's key for reports and lineage.</summary>
public sealed record MappedResource(string SourceKey, Resource Resource);
