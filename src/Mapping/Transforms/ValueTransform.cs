namespace FhirSync.Mapping.Transforms;

/// <summary>One compiled transform: a source value in, a value (or null, meaning "no element") out.</summary>
internal delegate object? ValueTransform(object? value);
