using System.Text.Json;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Identity;

namespace FhirSync.Integration.Tests.Security;

/// <summary>
/// A Patient mapping of the safe-SQL database (<c>patients</c>, child table <c>patient_phones</c> as telecom) in which
/// any one place that names a table or column can be given another name, or the filter another condition.
/// </summary>
internal static class SafeSqlMapping
{
    private const string Template = """
        { "formatVersion": 1, "resources": [ {
            "resourceType": "Patient", "table": "{table}", "key": ["{key}"], "changeTracking": ["{changeTracking}"],
            "filter": [ {filter} ],
            "elements": [ { "path": "name[0].family", "column": "{column}" }, { "path": "gender", "column": "gender" } ],
            "children": [ { "table": "{child table}", "parentKey": ["{child parentKey}"], "orderBy": ["{child orderBy}"], "path": "telecom",
              "elements": [ { "path": "system", "value": "phone" }, { "path": "value", "column": "{child column}" } ] } ] } ] }
        """;

    /// <summary>Each place of the template that names a table or column, with the plain name it has.</summary>
    public static readonly IReadOnlyDictionary<string, string> Places = new Dictionary<string, string>
    {
        ["table"] = "patients",
        ["key"] = "patient_id",
        ["changeTracking"] = "updated_at",
        ["filter column"] = "gender",
        ["column"] = "family",
        ["child table"] = "patient_phones",
        ["child parentKey"] = "patient_id",
        ["child orderBy"] = "ord",
        ["child column"] = "phone",
    };

    /// <summary>The mapping with <paramref name="name"/> at <paramref name="place"/> and an <c>isNotNull</c> filter.</summary>
    public static CompiledMapping With(string place, string name) =>
        Compile(new Dictionary<string, string>(Places) { [place] = name }, """{ "column": "{filter column}", "op": "isNotNull" }""");

    /// <summary>The plain mapping filtered by <paramref name="filterJson"/>, one row-filter object.</summary>
    public static CompiledMapping Filtered(string filterJson) => Compile(Places, filterJson);

    /// <summary>What <c>SourceSchemaVerifier</c> must say when <paramref name="name"/> stands at <paramref name="place"/>.</summary>
    public static string Refusal(string place, string name) => place switch
    {
        "table" or "child table" => $"table '{name}' is not a plain SQL identifier",
        _ => $"column '{name}' of table '{(place.StartsWith("child", StringComparison.Ordinal) ? Places["child table"] : Places["table"])}' is not a plain SQL identifier",
    };

    private static CompiledMapping Compile(IReadOnlyDictionary<string, string> names, string filterJson)
    {
        var json = Template.Replace("{filter}", filterJson, StringComparison.Ordinal);
        // Serialize, so quotes, backslashes and control characters in a name stay inside its JSON string.
        foreach (var (place, name) in names) json = json.Replace($"\"{{{place}}}\"", JsonSerializer.Serialize(name), StringComparison.Ordinal);
        return MappingCompiler.Compile(json, "safe-sql", new TenantResourceIdentity("safe-sql", new byte[16]));
    }
}
