namespace FhirSync.Mapping;

/// <summary>A mapping document cannot be applied: names the document, the resource, the path and what is wrong.</summary>
public sealed class MappingDefinitionException : Exception
{
    /// <summary>Describes a problem in <paramref name="documentName"/>, at a resource and path when known.</summary>
    public MappingDefinitionException(string documentName, string? resource, string? path, string problem)
        : base(Describe(documentName, resource, path, problem))
    {
        DocumentName = documentName;
        Resource = resource;
        ElementPath = path;
        Problem = problem;
    }

    /// <summary>The document, usually the tenant id or a file name.</summary>
    public string DocumentName { get; }

    /// <summary>The resource mapping, e.g. <c>Patient from patients</c>, when known.</summary>
    public string? Resource { get; }

    /// <summary>The element path or JSON path, when known.</summary>
    public string? ElementPath { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Describe(string documentName, string? resource, string? path, string problem)
    {
        var where = $"mapping '{documentName}'";
        if (resource is not null) where += $", resource {resource}";
        if (path is not null) where += $", path '{path}'";
        return $"{where}: {problem}";
    }
}
