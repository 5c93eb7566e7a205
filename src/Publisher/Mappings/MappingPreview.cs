using System.Text.Encodings.Web;
using System.Text.Json;
using FhirSync.Mapping;
using FhirSync.Mapping.Compilation;
using Hl7.Fhir.Serialization;

namespace FhirSync.Publisher.Mappings;

/// <summary>
/// Maps the first rows of each source as a run would and prints the resources as indented FHIR JSON. Resources go to
/// <c>output</c> alone, so it stays a stream of JSON values (<c>| jq</c>); rejections and counts go to <c>diagnostics</c>.
/// </summary>
internal static class MappingPreview
{
    // Relaxed escaping so names such as María read as written in a terminal; this JSON is never embedded in HTML.
    private static readonly JsonSerializerOptions Json =
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.ForFhir(Hl7.Fhir.Model.ModelInfo.ModelInspector);

    public static async Task PrintAsync(TenantMappingSource tenant, IEnumerable<CompiledResourceMapper> mappers, int rows,
        TextWriter output, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        foreach (var mapper in mappers)
        {
            var page = await tenant.ReadFirstPageAsync(mapper, rows, cancellationToken);
            var read = page?.Rows.Count ?? 0;
            var rejections = new List<RowMappingException>();
            var resources = page?.MapRows(mapper, rejections.Add) ?? [];
            // A rejection carries table, key and rule only, never the row's values.
            foreach (var rejection in rejections) await diagnostics.WriteLineAsync($"rejected: table {rejection.Table} key {rejection.Key}: {rejection.Rule}");
            foreach (var resource in resources) await output.WriteLineAsync(JsonSerializer.Serialize(resource, resource.GetType(), Json));
            var rejected = rejections.Count;

            await diagnostics.WriteLineAsync($"{mapper.ResourceType} from {mapper.Table}: {read} rows read, {read - rejected} mapped, {rejected} rejected");
        }
    }
}
