namespace FhirSync.Mapping;

/// <summary>
/// A value could not be transformed or converted. Its message is written by the engine and names the transform or
/// target type, never the value, so it may travel into row reports. Other exceptions' messages may quote values
/// and are never reported.
/// </summary>
/// <param name="message">What failed, naming the transform or target type; never the value.</param>
public sealed class MappingValueException(string message) : FormatException(message);
