using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Documents;

namespace FhirSync.Mapping.Tests.Documents;

/// <summary>
/// Keeps docs/mapping.schema.json true to the demo mappings, to the loader and to the C# document model. No JSON Schema
/// package with draft 2020-12 support restores from the package source, so <see cref="SchemaEvaluator"/> below
/// evaluates the keywords the schema uses, and <see cref="UseOnlyKeywordsTheEvaluatorKnows"/> keeps the schema to them.
/// </summary>
public sealed class MappingSchemaShould
{
    private static readonly JsonElement Schema = LoadSchema();
    private static readonly SchemaEvaluator Evaluator = new(Schema);

    /// <summary>Where each record of the document model is described in the schema.</summary>
    private static readonly Dictionary<Type, string> Definitions = new()
    {
        [typeof(MappingDocument)] = "#",
        [typeof(ResourceMapping)] = "#/$defs/resourceMapping",
        [typeof(RowFilter)] = "#/$defs/rowFilter",
        [typeof(SoftDeleteMapping)] = "#/$defs/softDelete",
        [typeof(ElementMapping)] = "#/$defs/elementMapping",
        [typeof(ReferenceMapping)] = "#/$defs/referenceMapping",
        [typeof(ChildTableMapping)] = "#/$defs/childTableMapping",
        [typeof(TransformStep)] = "#/$defs/transformStep",
    };

    /// <summary>A valid value for each transform argument, as JSON.</summary>
    private static readonly Dictionary<string, string> SampleArguments = new(StringComparer.Ordinal)
    {
        ["separator"] = "\",\"",
        ["index"] = "0",
        ["format"] = "\"yyyyMMdd\"",
        ["values"] = """{ "a": "b" }""",
        ["table"] = "\"codes\"",
        ["value"] = "\"x\"",
    };

    public static TheoryData<string> TransformOps() => new(TransformBranches().Select(ConstOp));

    [Fact]
    public void DeclareDraft202012WithAnIdAndATitle()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Schema.GetProperty("$id").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(Schema.GetProperty("title").GetString()));
    }

    [Fact]
    public void UseOnlyKeywordsTheEvaluatorKnows()
    {
        var unknown = Subschemas(Schema, "#")
            .SelectMany(schema => schema.Value.ValueKind == JsonValueKind.Object
                ? schema.Value.EnumerateObject().Select(keyword => (schema.Pointer, Keyword: keyword.Name))
                : [])
            .Where(found => !SchemaEvaluator.Keywords.Contains(found.Keyword))
            .Select(found => $"{found.Pointer}: {found.Keyword}")
            .ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void ResolveEveryReference()
    {
        var references = Subschemas(Schema, "#")
            .Where(schema => schema.Value.ValueKind == JsonValueKind.Object && schema.Value.TryGetProperty("$ref", out _))
            .Select(schema => schema.Value.GetProperty("$ref").GetString()!)
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references) Assert.Equal(JsonValueKind.Object, Evaluator.Resolve(reference).ValueKind);
    }

    [Fact]
    public void AcceptEveryDemoMapping()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DemoMappings"), "*.json");

        Assert.True(files.Length >= 3, $"expected the demo mappings in the test output, found {files.Length}");
        foreach (var file in files)
        {
            var errors = Evaluator.Errors(ParseLikeTheReader(File.ReadAllText(file)));
            Assert.True(errors.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void AcceptADocumentThatUsesEveryPropertyAndLoads()
    {
        const string json = """
            {
              "formatVersion": 1,
              "timeZone": "Europe/Madrid",
              "codeTables": { "sexo": { "H": "male", "M": "female" } },
              "resources": [
                {
                  "resourceType": "Patient", "table": "pacientes", "key": ["centro", "id_paciente"], "changeTracking": ["fecha_mod"],
                  "filter": [
                    { "column": "estado", "op": "equals", "value": "A" },
                    { "column": "tipo", "op": "notEquals", "value": "X" },
                    { "column": "centro", "op": "in", "values": ["1", "2"] },
                    { "column": "baja", "op": "isNull" },
                    { "column": "alta", "op": "isNotNull" }
                  ],
                  "elements": [
                    { "path": "name[0].text", "columns": ["nombre", "apellidos"], "transform": [{ "op": "concat", "separator": " " }, { "op": "trim" }] },
                    { "path": "name[0].family", "column": "nombre_completo", "transform": [{ "op": "split", "separator": ",", "index": 0 }] },
                    { "path": "gender", "column": "sexo", "transform": [{ "op": "trim" }, { "op": "map", "table": "sexo", "value": "unknown" }] },
                    { "path": "birthDate", "column": "nacimiento", "transform": [{ "op": "nullIf", "value": "00000000" }, { "op": "date", "format": "yyyyMMdd" }] },
                    { "path": "deceasedDateTime", "column": "defuncion", "transform": [{ "op": "epochSeconds" }] },
                    { "path": "active", "column": "activo", "transform": [{ "op": "default", "value": "S" }, { "op": "boolean" }] },
                    { "path": "multipleBirthInteger", "column": "orden_parto", "transform": [{ "op": "decimal" }] },
                    { "path": "maritalStatus.coding[0].code", "column": "estado_civil", "transform": [{ "op": "map", "values": { "C": "M", "S": "S" } }] },
                    { "path": "telecom[system=phone].value", "column": "telefono" },
                    { "path": "communication[0].language.text", "value": "es" },
                    { "path": "managingOrganization", "reference": { "resourceType": "Organization", "columns": ["centro"] } }
                  ],
                  "children": [
                    {
                      "table": "direcciones", "parentKey": ["centro", "id_paciente"], "orderBy": ["orden"], "path": "address",
                      "elements": [ { "path": "line[0]", "column": "calle" }, { "path": "country", "value": "ES" } ]
                    }
                  ]
                },
                {
                  "resourceType": "Organization", "table": "centros", "key": ["centro"],
                  "elements": [ { "path": "name", "column": "nombre" } ]
                },
                {
                  "resourceType": "Encounter", "table": "visitas", "key": ["id_visita"],
                  "elements": [
                    { "path": "status", "value": "finished" },
                    { "path": "period.start", "column": "inicio", "transform": [{ "op": "dateTime", "format": "yyyyMMddHHmmss" }] }
                  ]
                }
              ]
            }
            """;

        var errors = Evaluator.Errors(ParseLikeTheReader(json));

        Assert.True(errors.Count == 0, string.Join("; ", errors));
        Assert.Equal(3, Load(json).Resources.Count);
    }

    [Theory]
    [InlineData("unknown document property", """{ "formatVersion": 1, "timeZones": "UTC", "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [] } ] }""")]
    [InlineData("unknown element property", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "colum": "g" } ] } ] }""")]
    [InlineData("unknown transform argument", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "birthDate", "column": "d", "transform": [ { "op": "date", "fromat": "yyyyMMdd" } ] } ] } ] }""")]
    [InlineData("split without index", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[0].family", "column": "n", "transform": [ { "op": "split", "separator": "," } ] } ] } ] }""")]
    [InlineData("date without format", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "birthDate", "column": "d", "transform": [ { "op": "date" } ] } ] } ] }""")]
    [InlineData("map without values or table", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "transform": [ { "op": "map", "value": "unknown" } ] } ] } ] }""")]
    [InlineData("unknown transform", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "transform": [ { "op": "upper" } ] } ] } ] }""")]
    [InlineData("two sources", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "value": "male" } ] } ] }""")]
    [InlineData("no source", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender" } ] } ] }""")]
    [InlineData("columns without concat", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[0].text", "columns": ["a", "b"] } ] } ] }""")]
    [InlineData("concat on one column", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[0].text", "column": "a", "transform": [ { "op": "concat" } ] } ] } ] }""")]
    [InlineData("format version 2", """{ "formatVersion": 2, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [] } ] }""")]
    [InlineData("no resources", """{ "formatVersion": 1, "resources": [] }""")]
    [InlineData("empty key", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": [], "elements": [] } ] }""")]
    [InlineData("malformed path", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "name[first].family", "column": "n" } ] } ] }""")]
    [InlineData("filter equals without value", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "filter": [ { "column": "s", "op": "equals" } ], "elements": [] } ] }""")]
    [InlineData("filter in without values", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "filter": [ { "column": "s", "op": "in" } ], "elements": [] } ] }""")]
    [InlineData("unknown filter op", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "filter": [ { "column": "s", "op": "like", "value": "A%" } ], "elements": [] } ] }""")]
    [InlineData("child without parent key", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [], "children": [ { "table": "a", "parentKey": [], "path": "address", "elements": [] } ] } ] }""")]
    [InlineData("missing required resource property", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "key": ["id"], "elements": [] } ] }""")]
    public void RefuseWhatTheLoaderRefuses(string problem, string json)
    {
        Assert.True(Evaluator.Errors(ParseLikeTheReader(json)).Count > 0, $"the schema accepts a document with {problem}");
        Assert.Throws<MappingDefinitionException>(() => Load(json));
    }

    [Theory]
    [InlineData("a column name that is no plain SQL identifier", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "sexo paciente" } ] } ] }""")]
    [InlineData("a table name that is no plain SQL identifier", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "dbo.p", "key": ["id"], "elements": [] } ] }""")]
    [InlineData("an argument of another transform", """{ "formatVersion": 1, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "transform": [ { "op": "trim", "value": "x" } ] } ] } ] }""")]
    [InlineData("a map with both values and table", """{ "formatVersion": 1, "codeTables": { "t": { "H": "male" } }, "resources": [ { "resourceType": "Patient", "table": "p", "key": ["id"], "elements": [ { "path": "gender", "column": "g", "transform": [ { "op": "map", "values": { "M": "female" }, "table": "t" } ] } ] } ] }""")]
    public void RefuseWhatTheLoaderLetsThrough(string problem, string json)
    {
        Assert.True(Evaluator.Errors(ParseLikeTheReader(json)).Count > 0, $"the schema accepts {problem}");
    }

    [Fact]
    public void DescribeEveryRecordOfTheDocumentModel()
    {
        var records = typeof(MappingDocument).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == typeof(MappingDocument).Namespace && !(type.IsAbstract && type.IsSealed))
            .ToHashSet();

        Assert.Equal(records.OrderBy(type => type.Name, StringComparer.Ordinal), Definitions.Keys.OrderBy(type => type.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void NameExactlyThePropertiesOfTheModelWithTheirRequirednessAndKinds()
    {
        var problems = new List<string>();
        foreach (var (type, pointer) in Definitions)
        {
            var shapes = type == typeof(TransformStep) ? TransformBranches() : [Evaluator.Resolve(pointer)];
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            var modelNames = properties.Select(JsonName).ToHashSet(StringComparer.Ordinal);
            var modelRequired = properties.Where(property => property.IsDefined(typeof(RequiredMemberAttribute))).Select(JsonName).ToHashSet(StringComparer.Ordinal);

            var schemaNames = shapes.SelectMany(shape => shape.GetProperty("properties").EnumerateObject().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
            if (!schemaNames.SetEquals(modelNames))
                problems.Add($"{type.Name}: the model has [{string.Join(", ", modelNames.Order(StringComparer.Ordinal))}], the schema [{string.Join(", ", schemaNames.Order(StringComparer.Ordinal))}]");

            foreach (var shape in shapes)
            {
                var where = type == typeof(TransformStep) ? $"{type.Name} ({ConstOp(shape)})" : type.Name;
                if (!shape.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
                    problems.Add($"{where}: additionalProperties is not false");
                var schemaRequired = shape.TryGetProperty("required", out var required)
                    ? required.EnumerateArray().Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal)
                    : [];

                // A transform's required arguments are the loader's rule, checked by DemandTheSameTransformArgumentsAsTheLoader.
                var requiredMatches = type == typeof(TransformStep) ? modelRequired.IsSubsetOf(schemaRequired) : modelRequired.SetEquals(schemaRequired);
                if (!requiredMatches)
                    problems.Add($"{where}: required in the model [{string.Join(", ", modelRequired)}], in the schema [{string.Join(", ", schemaRequired)}]");

                foreach (var property in properties)
                {
                    if (shape.GetProperty("properties").TryGetProperty(JsonName(property), out var propertySchema))
                        CheckValueSchema(property.PropertyType, propertySchema, $"{where}.{JsonName(property)}", problems);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ListTheSameTransformOpsInTheEnumAndTheBranches()
    {
        var listed = Evaluator.Resolve("#/$defs/transformStep/properties/op").GetProperty("enum").EnumerateArray().Select(op => op.GetString()!);

        Assert.Equal(listed.Order(StringComparer.Ordinal), TransformBranches().Select(ConstOp).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TransformOps))]
    public void DemandTheSameTransformArgumentsAsTheLoader(string op)
    {
        foreach (var arguments in RequiredArgumentSets(op))
        {
            var complete = PatientDocument(op, StepJson(op, arguments));
            Assert.True(Evaluator.Errors(ParseLikeTheReader(complete)).Count == 0, $"the schema refuses {op} with [{string.Join(", ", arguments)}]");
            Load(complete);

            foreach (var missing in arguments)
            {
                var incomplete = PatientDocument(op, StepJson(op, arguments.Where(argument => argument != missing)));
                Assert.True(Evaluator.Errors(ParseLikeTheReader(incomplete)).Count > 0, $"the schema accepts {op} without {missing}");
                var error = Assert.Throws<MappingDefinitionException>(() => Load(incomplete));
                Assert.Contains($"transform '{op}' is missing its arguments", error.Message, StringComparison.Ordinal);
            }
        }
    }

    private static CompiledMapping Load(string json) =>
        MappingCompiler.Compile(MappingDocumentReader.Read(json, "schema-test"), "schema-test", DemoMappings.IdentityFor("schema-test"));

    /// <summary>Parses as MappingDocumentReader does: comments skipped, trailing commas allowed.</summary>
    private static JsonElement ParseLikeTheReader(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.Clone();
    }

    private static JsonElement LoadSchema()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FhirSync.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException($"no FhirSync.sln above {AppContext.BaseDirectory}");
        return ParseLikeTheReader(File.ReadAllText(Path.Combine(directory.FullName, "docs", "mapping.schema.json")));
    }

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static List<JsonElement> TransformBranches() => [.. Evaluator.Resolve("#/$defs/transformStep").GetProperty("oneOf").EnumerateArray()];

    private static string ConstOp(JsonElement branch) => branch.GetProperty("properties").GetProperty("op").GetProperty("const").GetString()!;

    private static JsonElement TransformBranch(string op) => TransformBranches().Single(branch => ConstOp(branch) == op);

    /// <summary>The argument sets a transform accepts as complete: its required arguments, with each alternative of a nested oneOf.</summary>
    private static List<List<string>> RequiredArgumentSets(string op)
    {
        var branch = TransformBranch(op);
        var common = RequiredOf(branch).Where(name => name != "op").ToList();
        if (!branch.TryGetProperty("oneOf", out var alternatives)) return [common];
        return alternatives.EnumerateArray().Select(alternative => common.Concat(RequiredOf(alternative)).ToList()).ToList();
    }

    private static IEnumerable<string> RequiredOf(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(name => name.GetString()!) : [];

    private static string StepJson(string op, IEnumerable<string> arguments) =>
        $$"""{ "op": "{{op}}"{{string.Concat(arguments.Select(argument => $", \"{argument}\": {SampleArguments[argument]}"))}} }""";

    /// <summary>A one-element Patient document whose element suits what <paramref name="op"/> produces.</summary>
    private static string PatientDocument(string op, string stepJson)
    {
        var element = op switch
        {
            "concat" => $$"""{ "path": "name[0].text", "columns": ["first", "last"], "transform": [ {{stepJson}} ] }""",
            "boolean" => $$"""{ "path": "active", "column": "v", "transform": [ {{stepJson}} ] }""",
            "decimal" => $$"""{ "path": "multipleBirthInteger", "column": "v", "transform": [ {{stepJson}} ] }""",
            "date" or "dateTime" or "epochSeconds" => $$"""{ "path": "birthDate", "column": "v", "transform": [ {{stepJson}} ] }""",
            _ => $$"""{ "path": "name[0].family", "column": "v", "transform": [ {{stepJson}} ] }""",
        };
        return $$"""
            { "formatVersion": 1, "codeTables": { "codes": { "a": "b" } },
              "resources": [ { "resourceType": "Patient", "table": "people", "key": ["id"], "elements": [ {{element}} ] } ] }
            """;
    }

    /// <summary>Checks that the schema of one property holds what the C# property's type holds.</summary>
    private static void CheckValueSchema(Type type, JsonElement schema, string where, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Definitions.TryGetValue(type, out var pointer))
        {
            var reference = schema.TryGetProperty("$ref", out var value) ? value.GetString() : null;
            if (reference != pointer) problems.Add($"{where}: expected a $ref to {pointer}, found {reference ?? "none"}");
            return;
        }

        var expected = ExpectedKind(type, where);
        var actual = SchemaKind(schema);
        if (expected != actual)
        {
            problems.Add($"{where}: the model holds {expected}, the schema {actual ?? "anything"}");
            return;
        }

        if (!type.IsGenericType) return;
        var arguments = type.GetGenericArguments();
        if (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && Lookup(schema, "items") is { } items)
            CheckValueSchema(arguments[0], items, $"{where}[]", problems);
        else if (type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && Lookup(schema, "additionalProperties") is { } values)
            CheckValueSchema(arguments[1], values, $"{where}{{}}", problems);
        else
            problems.Add($"{where}: the schema does not describe the {(arguments.Length == 1 ? "items" : "values")}");
    }

    private static string ExpectedKind(Type type, string where)
    {
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "integer";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)) return "array";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GetGenericArguments()[0] == typeof(string)) return "object";
        throw new InvalidOperationException($"{where}: this test does not know how {type} is written in JSON; extend ExpectedKind");
    }

    /// <summary>The JSON kind a property schema allows, from its type, const or enum, following $ref.</summary>
    private static string? SchemaKind(JsonElement schema)
    {
        if (Lookup(schema, "type") is { } type) return type.GetString();
        var sample = Lookup(schema, "const") ?? (Lookup(schema, "enum") is { } values ? values.EnumerateArray().First() : null);
        return sample?.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => sample.Value.TryGetInt32(out _) ? "integer" : "number",
            _ => null,
        };
    }

    private static JsonElement? Lookup(JsonElement schema, string keyword)
    {
        if (schema.TryGetProperty(keyword, out var value)) return value;
        return schema.TryGetProperty("$ref", out var reference) ? Lookup(Evaluator.Resolve(reference.GetString()!), keyword) : null;
    }

    /// <summary>Every schema object under <paramref name="schema"/>, with its JSON pointer.</summary>
    private static IEnumerable<(string Pointer, JsonElement Value)> Subschemas(JsonElement schema, string pointer)
    {
        yield return (pointer, schema);
        if (schema.ValueKind != JsonValueKind.Object) yield break;
        foreach (var keyword in schema.EnumerateObject())
        {
            var children = keyword.Name switch
            {
                "properties" or "$defs" => keyword.Value.EnumerateObject().Select(named => ($"{pointer}/{keyword.Name}/{named.Name}", named.Value)),
                "items" or "additionalProperties" or "not" or "if" or "then" => [($"{pointer}/{keyword.Name}", keyword.Value)],
                "prefixItems" or "oneOf" or "allOf" => keyword.Value.EnumerateArray().Select((item, i) => ($"{pointer}/{keyword.Name}/{i}", item)),
                _ => [],
            };
            foreach (var (childPointer, child) in children)
            {
                foreach (var found in Subschemas(child, childPointer)) yield return found;
            }
        }
    }

    /// <summary>
    /// A JSON Schema draft 2020-12 evaluator for the keywords docs/mapping.schema.json uses (local <c>$ref</c> only).
    /// An unknown keyword throws, so the evaluator can never pass a document by ignoring a rule.
    /// </summary>
    private sealed class SchemaEvaluator(JsonElement root)
    {
        public static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "$schema", "$id", "title", "description", "default", "$defs",
            "$ref", "type", "const", "enum", "properties", "additionalProperties", "required", "minProperties",
            "items", "prefixItems", "minItems", "minLength", "pattern", "minimum", "maximum", "oneOf", "allOf", "not", "if", "then",
        };

        /// <summary>The problems of <paramref name="instance"/>, each with its JSON pointer; empty when valid.</summary>
        public List<string> Errors(JsonElement instance)
        {
            var errors = new List<string>();
            Evaluate(root, instance, "", errors);
            return errors;
        }

        public JsonElement Resolve(string reference)
        {
            if (!reference.StartsWith('#')) throw new InvalidOperationException($"only local references are supported: {reference}");
            var current = root;
            foreach (var token in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                current = current.ValueKind == JsonValueKind.Array ? current[int.Parse(name, CultureInfo.InvariantCulture)] : current.GetProperty(name);
            }

            return current;
        }

        private bool Evaluate(JsonElement schema, JsonElement instance, string at, List<string>? errors)
        {
            if (schema.ValueKind == JsonValueKind.True) return true;
            if (schema.ValueKind == JsonValueKind.False) return Fail(errors, at, "no value is allowed here");
            var valid = true;
            foreach (var keyword in schema.EnumerateObject()) valid &= Apply(schema, keyword, instance, at, errors);
            return valid;
        }

        private bool Apply(JsonElement schema, JsonProperty keyword, JsonElement instance, string at, List<string>? errors)
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$schema" or "$id" or "title" or "description" or "default" or "$defs" or "then":
                    return true;
                case "$ref":
                    return Evaluate(Resolve(value.GetString()!), instance, at, errors);
                case "type":
                    return HasType(instance, value.GetString()!) || Fail(errors, at, $"expected {value.GetString()}, found {instance.ValueKind}");
                case "const":
                    return JsonElement.DeepEquals(instance, value) || Fail(errors, at, $"expected {value.GetRawText()}");
                case "enum":
                    return value.EnumerateArray().Any(allowed => JsonElement.DeepEquals(instance, allowed)) || Fail(errors, at, $"expected one of {value.GetRawText()}");
                case "properties":
                    if (instance.ValueKind != JsonValueKind.Object) return true;
                    return instance.EnumerateObject()
                        .Where(property => value.TryGetProperty(property.Name, out _))
                        .Aggregate(true, (ok, property) => Evaluate(value.GetProperty(property.Name), property.Value, $"{at}/{property.Name}", errors) & ok);
                case "additionalProperties":
                    if (instance.ValueKind != JsonValueKind.Object) return true;
                    var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
                    return instance.EnumerateObject()
                        .Where(property => declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(property.Name, out _))
                        .Aggregate(true, (ok, property) => (value.ValueKind == JsonValueKind.False
                            ? Fail(errors, at, $"property '{property.Name}' is not allowed")
                            : Evaluate(value, property.Value, $"{at}/{property.Name}", errors)) & ok);
                case "required":
                    if (instance.ValueKind != JsonValueKind.Object) return true;
                    return value.EnumerateArray()
                        .Select(name => name.GetString()!)
                        .Aggregate(true, (ok, name) => (instance.TryGetProperty(name, out _) || Fail(errors, at, $"'{name}' is required")) & ok);
                case "minProperties":
                    return instance.ValueKind != JsonValueKind.Object || instance.EnumerateObject().Count() >= value.GetInt32()
                        || Fail(errors, at, $"needs at least {value.GetInt32()} properties");
                case "prefixItems":
                    if (instance.ValueKind != JsonValueKind.Array) return true;
                    return instance.EnumerateArray().Take(value.GetArrayLength())
                        .Select((item, i) => Evaluate(value[i], item, $"{at}/{i}", errors))
                        .Aggregate(true, (ok, itemValid) => itemValid & ok);
                case "items":
                    if (instance.ValueKind != JsonValueKind.Array) return true;
                    var skipped = schema.TryGetProperty("prefixItems", out var prefix) ? prefix.GetArrayLength() : 0;
                    return instance.EnumerateArray()
                        .Select((item, i) => (Item: item, Index: i))
                        .Skip(skipped)
                        .Aggregate(true, (ok, entry) => Evaluate(value, entry.Item, $"{at}/{entry.Index}", errors) & ok);
                case "minItems":
                    return instance.ValueKind != JsonValueKind.Array || instance.GetArrayLength() >= value.GetInt32()
                        || Fail(errors, at, $"needs at least {value.GetInt32()} items");
                case "minLength":
                    return instance.ValueKind != JsonValueKind.String || instance.GetString()!.EnumerateRunes().Count() >= value.GetInt32()
                        || Fail(errors, at, $"needs at least {value.GetInt32()} characters");
                case "pattern":
                    return instance.ValueKind != JsonValueKind.String || Regex.IsMatch(instance.GetString()!, value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1))
                        || Fail(errors, at, $"does not match {value.GetString()}");
                case "minimum":
                    return instance.ValueKind != JsonValueKind.Number || instance.GetDecimal() >= value.GetDecimal() || Fail(errors, at, $"is below {value.GetRawText()}");
                case "maximum":
                    return instance.ValueKind != JsonValueKind.Number || instance.GetDecimal() <= value.GetDecimal() || Fail(errors, at, $"is above {value.GetRawText()}");
                case "oneOf":
                    var matching = value.EnumerateArray().Count(branch => Evaluate(branch, instance, at, null));
                    return matching == 1 || Fail(errors, at, $"matches {matching} of the {value.GetArrayLength()} oneOf alternatives, not exactly one");
                case "allOf":
                    return value.EnumerateArray().Aggregate(true, (ok, branch) => Evaluate(branch, instance, at, errors) & ok);
                case "not":
                    return !Evaluate(value, instance, at, null) || Fail(errors, at, $"must not match {value.GetRawText()}");
                case "if":
                    return !Evaluate(value, instance, at, null) || !schema.TryGetProperty("then", out var then) || Evaluate(then, instance, at, errors);
                default:
                    throw new InvalidOperationException($"keyword '{keyword.Name}' at {at} is not supported by this evaluator");
            }
        }

        private static bool HasType(JsonElement instance, string type) => type switch
        {
            "object" => instance.ValueKind == JsonValueKind.Object,
            "array" => instance.ValueKind == JsonValueKind.Array,
            "string" => instance.ValueKind == JsonValueKind.String,
            "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => instance.ValueKind == JsonValueKind.Null,
            "number" => instance.ValueKind == JsonValueKind.Number,
            "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var number) && number == decimal.Truncate(number),
            _ => throw new InvalidOperationException($"unknown type '{type}'"),
        };

        private static bool Fail(List<string>? errors, string at, string problem)
        {
            errors?.Add($"{(at.Length == 0 ? "/" : at)}: {problem}");
            return false;
        }
    }
}
