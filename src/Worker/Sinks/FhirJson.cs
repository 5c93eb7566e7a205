using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirSync.Worker.Sinks;

/// <summary>The Firely System.Text.Json serializer settings every sink shares; built once, they are costly to create.</summary>
internal static class FhirJson
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>What a writer needs to write as <see cref="Options"/> would: a writer given to the serializer brings its own.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Options.Encoder, Indented = Options.WriteIndented, MaxDepth = Options.MaxDepth };

    public static byte[] SerializeToUtf8(Base resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);

    public static void Serialize(Utf8JsonWriter writer, Base resource) => JsonSerializer.Serialize(writer, resource, resource.GetType(), Options);
}
