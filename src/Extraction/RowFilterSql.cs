using FhirSync.Mapping.Documents;
using MySqlConnector;

namespace FhirSync.Extraction;

/// <summary>Turns a mapping's structured row filters into SQL conditions: quoted columns, values bound as parameters.</summary>
internal static class RowFilterSql
{
    public static List<string> Conditions(IReadOnlyList<RowFilter> filters, MySqlCommand command)
    {
        var conditions = new List<string>(filters.Count + 1);
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            var column = SqlIdentifier.Quote(filter.Column);
            switch (filter.Op)
            {
                case "equals":
                    conditions.Add($"{column} = @f{i}");
                    command.Parameters.AddWithValue($"@f{i}", filter.Value);
                    break;
                case "notEquals":
                    conditions.Add($"({column} <> @f{i} OR {column} IS NULL)");
                    command.Parameters.AddWithValue($"@f{i}", filter.Value);
                    break;
                case "in":
                    var names = filter.Values!.Select((_, j) => $"@f{i}_{j}").ToList();
                    conditions.Add($"{column} IN ({string.Join(", ", names)})");
                    for (var j = 0; j < names.Count; j++) command.Parameters.AddWithValue(names[j], filter.Values![j]);
                    break;
                case "isNull":
                    conditions.Add($"{column} IS NULL");
                    break;
                case "isNotNull":
                    conditions.Add($"{column} IS NOT NULL");
                    break;
                default:
                    throw new ArgumentException($"unknown filter op '{filter.Op}'", nameof(filters));
            }
        }

        return conditions;
    }
}
