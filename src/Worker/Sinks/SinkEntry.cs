using Resource = Hl7.Fhir.Model.Resource;

namespace FhirSync.Worker.Sinks;

/// <summary>One change for a sink: write <see cref="Resource"/> under its id, or, when it is null, delete the resource with <see cref="Id"/>.</summary>
internal sealed record SinkEntry(string Id, Resource? Resource)
{
    public bool IsDelete => Resource is null;

    public static SinkEntry Put(Resource resource) => new(resource.Id ?? throw new ArgumentException("a resource to write needs its id", nameof(resource)), resource);

    public static SinkEntry Delete(string id) => new(id, null);
}
