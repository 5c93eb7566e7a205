using System.Globalization;
using FhirSync.Mapping.Identity;
using Hl7.Fhir.Model;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>
/// What a developer would write by hand for hospital-a's Patient mapping: direct property assignments, ordinals resolved
/// once, the same ids and identifier as the engine. The baseline the compiled mapper is measured against. The
/// managing organization is mapped when the mapping selects organization_id (the demo mapping gained it later).
/// </summary>
internal sealed class HandWrittenPatientMapper
{
    private readonly TenantResourceIdentity _identity;
    private readonly string _identifierSystem;
    private readonly int _id, _given, _family, _birthDate, _gender, _phone, _email, _organizationId;

    public HandWrittenPatientMapper(ColumnOrdinals columns, TenantResourceIdentity identity)
    {
        _identity = identity;
        _identifierSystem = identity.IdentifierSystem("patients");
        _id = columns["patient_id"];
        _given = columns["patient_name"];
        _family = columns["patient_surname"];
        _birthDate = columns["birth_date"];
        _gender = columns["gender"];
        _phone = columns["phone"];
        _email = columns["email"];
        _organizationId = columns.Find("organization_id");
    }

    public Patient Map(object?[] row)
    {
        var key = ((int)row[_id]!).ToString(CultureInfo.InvariantCulture);
        var patient = new Patient { Id = _identity.ResourceId("Patient", key) };
        patient.Identifier.Add(new Identifier(_identifierSystem, key));

        var given = Trimmed(row[_given]);
        var family = Trimmed(row[_family]);
        if (given is not null || family is not null)
        {
            var name = new HumanName { Family = family };
            if (given is not null) name.GivenElement.Add(new FhirString(given));
            patient.Name.Add(name);
        }

        if (row[_birthDate] is DateTime birthDate) patient.BirthDateElement = new Date(birthDate.Year, birthDate.Month, birthDate.Day);
        if (row[_gender] is string gender) patient.Gender = Gender(gender);
        if (row[_phone] is string { Length: > 0 } phone) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        if (row[_email] is string { Length: > 0 } email) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        if (_organizationId >= 0 && row[_organizationId] is int organizationId)
        {
            var organizationKey = organizationId.ToString(CultureInfo.InvariantCulture);
            patient.ManagingOrganization = new ResourceReference("Organization/" + _identity.ResourceId("Organization", organizationKey));
        }

        return patient;
    }

    private static string? Trimmed(object? value) => value is string text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static AdministrativeGender Gender(string code) => code switch
    {
        "male" => AdministrativeGender.Male,
        "female" => AdministrativeGender.Female,
        "other" => AdministrativeGender.Other,
        "unknown" => AdministrativeGender.Unknown,
        _ => throw new InvalidOperationException("gender code outside the generated data"),
    };
}
