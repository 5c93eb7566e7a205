using System.Text;

namespace FhirSync.Mapping.Validation;

/// <summary>
/// Which mapped elements a row actually wrote, including each child row's. Two resources of one mapper with the same
/// shape have the same elements in the same places, so they pass or fail cardinality and required-element rules
/// alike; only their primitive values differ, and those are checked as each one is converted.
/// </summary>
internal sealed class ResourceShape(int writers)
{
    private readonly StringBuilder _key = new(writers + 8);

    public string Key => _key.ToString();

    public void Add(bool written) => _key.Append(written ? '1' : '0');

    public void BeginChild() => _key.Append('|');

    public void BeginChildRow() => _key.Append(',');
}
