using FhirSync.Mapping.Identity;

namespace FhirSync.Mapping.Tests.Identity;

public sealed class TenantResourceIdentityShould
{
    [Fact]
    public void GiveTheSameRowTheSameIdEveryTime()
    {
        var first = DemoMappings.IdentityFor("hospital-a").ResourceId("Patient", "17");
        var second = DemoMappings.IdentityFor("hospital-a").ResourceId("Patient", "17");

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{32}$", first);
    }

    [Fact]
    public void GiveTheSameKeyInAnotherTenantAnotherId()
    {
        Assert.NotEqual(
            DemoMappings.IdentityFor("hospital-a").ResourceId("Patient", "17"),
            DemoMappings.IdentityFor("clinic-b").ResourceId("Patient", "17"));
    }

    [Fact]
    public void NotEmbedTheSourceKeyInTheId()
    {
        var id = DemoMappings.IdentityFor("clinic-b").ResourceId("Patient", "B000001");

        Assert.DoesNotContain("000001", id, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeSeparatorsInCompositeKeysSoDifferentKeysStayDifferent()
    {
        var ambiguous = TenantResourceIdentity.FormatKey(new object?[] { "a|b", "c" });
        var other = TenantResourceIdentity.FormatKey(new object?[] { "a", "b|c" });

        Assert.NotEqual(ambiguous, other);
    }
}
