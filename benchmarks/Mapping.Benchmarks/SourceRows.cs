using System.Globalization;

namespace FhirSync.Mapping.Benchmarks;

/// <summary>
/// Deterministic rows shaped like demo/sql/hospital-a.sql, in a mapper's select order, typed as MySqlConnector's
/// GetValues returns them: INT int, BIGINT long, VARCHAR string, DATE and DATETIME DateTime, DECIMAL(10,2) decimal
/// with scale 2, NULL DBNull.Value.
/// </summary>
internal static class SourceRows
{
    private static readonly string[] Givens =
        ["Alice", "James", "Emma", "Michael", "Olivia", "David", "Sophia", "Robert", "Grace", "William",
         "Chloe", "Daniel", "Hannah", "Samuel", "Lily", "Henry", "Ruby", "Jack", "Zoe", "Thomas"];

    private static readonly string[] Families =
        ["Walker", "Johnson", "Smith", "Brown", "Miller", "Davis", "Wilson", "Moore", "Taylor", "Anderson",
         "O'Neil", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia", "Clark", "Lewis", "Young"];

    private static readonly (string Code, string Display, string Unit)[] Codes =
        [("8867-4", "Heart rate", "/min"), ("8310-5", "Body temperature", "Cel"), ("29463-7", "Body weight", "kg"),
         ("8302-2", "Body height", "cm"), ("2339-0", "Glucose [Mass/volume] in Blood", "mg/dL")];

    public static object?[][] Patients(IReadOnlyList<string> selectColumns, int count) => Build(selectColumns, count, PatientValue);

    public static object?[][] Observations(IReadOnlyList<string> selectColumns, int count) => Build(selectColumns, count, ObservationValue);

    private static object?[][] Build(IReadOnlyList<string> selectColumns, int count, Func<string, int, object> value)
    {
        var rows = new object?[count][];
        for (var n = 1; n <= count; n++)
        {
            var row = new object?[selectColumns.Count];
            for (var c = 0; c < row.Length; c++) row[c] = value(selectColumns[c], n);
            rows[n - 1] = row;
        }

        return rows;
    }

    private static object PatientValue(string column, int n)
    {
        var g = (n - 1) % 20;
        var given = Givens[g];
        var family = Families[((3 * g) + ((n - 1) / 20)) % 20];
        return column switch
        {
            "patient_id" => n,
            // Every tenth name carries the padding the 'trim' transform exists for.
            "patient_name" => n % 10 == 0 ? $" {given} " : given,
            "patient_surname" => family,
            "birth_date" => n % 50 == 0 ? DBNull.Value : new DateTime(1940, 1, 1).AddDays(((n * 7919L) + 1234) % 27757),
            "gender" => n % 75 == 0 ? "other" : n % 120 == 0 ? "unknown" : g % 2 == 0 ? "female" : "male",
            "phone" => n % 7 == 0 ? DBNull.Value : "+1-555-" + (99 + n).ToString("D4", CultureInfo.InvariantCulture),
            "organization_id" => n % 60 == 0 ? DBNull.Value : n % 5 == 0 ? 4 : 1,
            "email" => n % 4 == 0 ? DBNull.Value : string.Create(CultureInfo.InvariantCulture,
                $"{given.ToLowerInvariant()}.{family.Replace("'", "", StringComparison.Ordinal).ToLowerInvariant()}{n}@example.org"),
            "updated_at" => new DateTime(2024, 1, 15, 8, 0, 0).AddSeconds(((n - 1) / 3) * 606L % 31_536_000).AddTicks(2_500_000),
            _ => throw new InvalidOperationException($"the row generator has no Patient column '{column}'"),
        };
    }

    private static object ObservationValue(string column, int o)
    {
        var p = ((o - 1) / 10) + 1;
        var k = (o - 1) % 10;
        var c = k % 5;
        var observedAt = new DateTime(2024, 1, 1, 7, 30, 0)
            .AddDays((((p - 1) % 1500) * 2) + (k * 12)).AddHours(k * 3).AddMinutes(o * 7 % 60);
        return column switch
        {
            "observation_id" => (long)o,
            "patient_id" => p,
            "encounter_id" => k % 2 == 0 ? ((p - 1) * 5) + (k / 2) + 1 : DBNull.Value,
            "loinc_code" => Codes[c].Code,
            "display_name" => Codes[c].Display,
            "value_numeric" => Cents(c switch
            {
                0 => (55 + (o * 37 % 50)) * 100,
                1 => 3600 + (o * 13 % 25 * 10),
                2 => 4500 + (o * 29 % 600 * 10),
                3 => ((150 + (p * 17 % 45)) * 100) + (o * 3 % 10 * 10),
                _ => (70 + (o * 31 % 90)) * 100,
            }),
            "unit" => Codes[c].Unit,
            "observed_at" => observedAt,
            "updated_at" => observedAt.Date.AddDays(1).AddHours(1).AddMilliseconds(500),
            _ => throw new InvalidOperationException($"the row generator has no Observation column '{column}'"),
        };
    }

    /// <summary>A DECIMAL(10,2) value as MySqlConnector returns it: scale 2, so 72 reads as 72.00.</summary>
    private static decimal Cents(int cents) => new(cents, 0, 0, false, 2);
}
