using System.Text;
using FhirSync.Mapping.Compilation;
using FhirSync.Mapping.Documents;
using FhirSync.Mapping.Identity;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>The demo tenant hospital-a: its shipped mapping compiled by the engine, and the hand-written equivalents.</summary>
internal sealed class HospitalA
{
    public const string TenantId = "hospital-a";

    private HospitalA(CompiledMapping mapping, TenantResourceIdentity identity, TimeZoneInfo timeZone)
    {
        CompiledPatient = mapping.Resources.Single(resource => resource.ResourceType == "Patient");
        CompiledObservation = mapping.Resources.Single(resource => resource.ResourceType == "Observation");
        HandWrittenPatient = new HandWrittenPatientMapper(new ColumnOrdinals(CompiledPatient.SelectColumns), identity);
        HandWrittenObservation = new HandWrittenObservationMapper(new ColumnOrdinals(CompiledObservation.SelectColumns), identity, timeZone);
    }

    public CompiledResourceMapper CompiledPatient { get; }

    public CompiledResourceMapper CompiledObservation { get; }

    public HandWrittenPatientMapper HandWrittenPatient { get; }

    public HandWrittenObservationMapper HandWrittenObservation { get; }

    /// <summary>Compiles demo/mappings/hospital-a.json (copied next to the program at build).</summary>
    public static HospitalA Load()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "mappings", $"{TenantId}.json"));
        var document = MappingDocumentReader.Read(json, TenantId);
        var identity = new TenantResourceIdentity(TenantId, Encoding.UTF8.GetBytes($"bench-salt-of-{TenantId}-0123456789"));
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(document.TimeZone);
        return new HospitalA(MappingCompiler.Compile(document, TenantId, identity), identity, timeZone);
    }
}
