using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The JSON path of the first null inside an array; the serializer would let it through as a null entry.</summary>
    private static string? NullInArray(JsonNode? node, string path) => node switch
    {
        JsonArray array => array.Select((item, i) => item is null ? $"{path}[{i}]" : NullInArray(item, $"{path}[{i}]")).FirstOrDefault(found => found is not null),
        JsonObject obj => obj.Select(pair => NullInArray(pair.Value, $"{path}.{pair.Key}")).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>Parses <paramref name="json"/>; <paramref name="documentName"/> names it in errors.</summary>
    /// <exception cref="MappingDefinitionException">The JSON is malformed or does not fit the format.</exception>
    public static MappingDocument Read(string json, string documentName)
    {
        try
        {
            if (NullInArray(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }), "$") is { } where)
                throw new MappingDefinitionException(documentName, null, where, "a list holds null where an entry is expected");
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
