using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace FhirSync.Worker.Sinks;

/// <summary>The Firely System.Text.Json serializer settings every sink shares; built once, they are costly to create.</summary>
internal static class FhirJson
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static byte[] SerializeToUtf8(Base resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);
}
