using System.Collections.Concurrent;

namespace FhirSync.Mapping.Validation;

/// <summary>
/// Shapes whose first resource passed the full Firely validation. Bounded: past the limit every resource is
/// validated in full, which is only slower, never weaker.
/// </summary>
internal sealed class ValidShapes
{
    private const int Limit = 4_096;
    private readonly ConcurrentDictionary<string, byte> _shapes = new(StringComparer.Ordinal);

    public bool IsKnown(string shape) => _shapes.ContainsKey(shape);

    public void Remember(string shape)
    {
        if (_shapes.Count < Limit) _shapes.TryAdd(shape, 0);
    }
}
