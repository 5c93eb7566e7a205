using System.Text.Json;
using System.Text.Json.Serialization;

namespace FhirSync.Mapping.Documents;

/// <summary>Reads a mapping document from JSON, refusing unknown properties so typos fail at load.</summary>
public static class MappingDocumentReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Parses <paramref name="json"/>; <paramref name="documentName"/> names it in errors.</summary>
    /// <exception cref="MappingDefinitionException">The JSON is malformed or does not fit the format.</exception>
    public static MappingDocument Read(string json, string documentName)
    {
        try
        {
            return JsonSerializer.Deserialize<MappingDocument>(json, Options)
                ?? throw new MappingDefinitionException(documentName, null, null, "the document is empty");
        }
        catch (JsonException ex)
        {
            // JsonException messages name the JSON path and position, never document values beyond the token.
            throw new MappingDefinitionException(documentName, null, ex.Path, $"not a valid mapping document: {ex.Message}");
        }
    }
}
