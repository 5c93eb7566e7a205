using System.Globalization;
using FhirSync.Mapping.Identity;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>
/// hospital-a's Observation mapping written by hand; see <see cref="HandWrittenPatientMapper"/>. The encounter is mapped
/// when the mapping selects encounter_id (the demo mapping gained it later).
/// </summary>
internal sealed class HandWrittenObservationMapper
{
    private readonly TenantResourceIdentity _identity;
    private readonly TimeZoneInfo _timeZone;
    private readonly string _identifierSystem;
    private readonly int _id, _patientId, _encounterId, _code, _display, _observedAt, _value, _unit;

    public HandWrittenObservationMapper(ColumnOrdinals columns, TenantResourceIdentity identity, TimeZoneInfo timeZone)
    {
        _identity = identity;
        _timeZone = timeZone;
        _identifierSystem = identity.IdentifierSystem("observations");
        _id = columns["observation_id"];
        _patientId = columns["patient_id"];
        _encounterId = columns.Find("encounter_id");
        _code = columns["loinc_code"];
        _display = columns["display_name"];
        _observedAt = columns["observed_at"];
        _value = columns["value_numeric"];
        _unit = columns["unit"];
    }

    public Observation Map(object?[] row)
    {
        var key = ((long)row[_id]!).ToString(CultureInfo.InvariantCulture);
        var observation = new Observation
        {
            Id = _identity.ResourceId("Observation", key),
            Status = ObservationStatus.Final,
            Code = new CodeableConcept { Coding = [new Coding("http://loinc.org", row[_code] as string, row[_display] as string)] },
        };
        observation.Identifier.Add(new Identifier(_identifierSystem, key));

        if (row[_patientId] is int patientId)
        {
            var patientKey = patientId.ToString(CultureInfo.InvariantCulture);
            observation.Subject = new ResourceReference("Patient/" + _identity.ResourceId("Patient", patientKey));
        }

        if (_encounterId >= 0 && row[_encounterId] is int encounterId)
        {
            var encounterKey = encounterId.ToString(CultureInfo.InvariantCulture);
            observation.Encounter = new ResourceReference("Encounter/" + _identity.ResourceId("Encounter", encounterKey));
        }

        if (row[_observedAt] is DateTime observedAt)
        {
            var local = DateTime.SpecifyKind(observedAt, DateTimeKind.Unspecified);
            observation.Effective = new FhirDateTime(new DateTimeOffset(local, _timeZone.GetUtcOffset(local)));
        }

        var unit = row[_unit] as string;
        observation.Value = new Quantity
        {
            Value = row[_value] as decimal?,
            Unit = unit,
            System = "http://unitsofmeasure.org",
            Code = unit,
        };
        return observation;
    }
}
