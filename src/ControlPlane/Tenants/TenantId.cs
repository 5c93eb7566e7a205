using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FhirSync.ControlPlane.Tenants;

/// <summary>
/// A tenant's id, validated once: lower-case letters, digits and dashes, 1 to 63 characters. Per-tenant state
/// (pools, caches, breakers) is keyed by this type, never by concatenated strings.
/// </summary>
public readonly partial record struct TenantId
{
    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out TenantId tenantId)
    {
        tenantId = default;
        if (text is null || !Pattern().IsMatch(text)) return false;
        tenantId = new TenantId(text);
        return true;
    }

    /// <exception cref="ArgumentException">The text is not a valid tenant id; the message quotes the rule, not the text.</exception>
    public static TenantId Parse(string? text) => TryParse(text, out var tenantId)
        ? tenantId
        : throw new ArgumentException("a tenant id is 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit", nameof(text));

    public override string ToString() => Value;

    /// <summary>
    /// A text that claimed to be a tenant id, made safe to log and echo: at most 63 characters, each one outside
    /// ASCII letters, digits and '-' replaced by '?', so a hostile id can neither forge log lines nor flood them.
    /// </summary>
    public static string Printable(string? text) =>
        text is null ? "(none)" : new string([.. text.Take(63).Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '?')]);

    // \z, not $: $ also matches before a trailing newline, which would let "tenant-a\n" through as a distinct id.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();
}
