namespace FhirSync.ControlPlane.Breakers;

/// <summary>A breaker's states as the control database spells them, and which is worst when workers disagree.</summary>
public static class BreakerStates
{
    public const string Closed = "closed";

    public const string HalfOpen = "half-open";

    public const string Open = "open";

    /// <summary>Held open by hand; refuses like <see cref="Open"/>.</summary>
    public const string Isolated = "isolated";

    /// <summary>The state that refuses most: an open breaker anywhere matters more than closed ones elsewhere.</summary>
    public static string Worst(IEnumerable<string> states) => states.DefaultIfEmpty(Closed).MaxBy(Severity)!;

    private static int Severity(string state) => state switch
    {
        Open or Isolated => 2,
        HalfOpen => 1,
        _ => 0,
    };
}
