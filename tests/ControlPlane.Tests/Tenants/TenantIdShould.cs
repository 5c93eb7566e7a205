using FhirSync.ControlPlane.Tenants;

namespace FhirSync.ControlPlane.Tests.Tenants;

public sealed class TenantIdShould
{
    [Theory]
    [InlineData("hospital-a")]
    [InlineData("a")]
    [InlineData("123-clinic")]
    public void AcceptLowerCaseLettersDigitsAndDashes(string text)
    {
        Assert.True(TenantId.TryParse(text, out var tenantId));
        Assert.Equal(text, tenantId.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hospital-A")]
    [InlineData("-leading-dash")]
    [InlineData("hospital_a")]
    [InlineData("a/../b")]
    [InlineData("hospital-a; DROP TABLE tenants")]
    [InlineData("hospitаl-a")] // Cyrillic 'а' looks like Latin 'a'
    [InlineData("hospital-a\n")] // a regex ending in $ would accept the newline
    [InlineData("hospital-a\r\n")]
    [InlineData("hospital-a\0")]
    [InlineData(" hospital-a")]
    [InlineData("hospital-a ")]
    [InlineData("hospital\u200Ba")] // zero-width space
    public void RefuseAnythingElse(string text)
    {
        Assert.False(TenantId.TryParse(text, out _));
    }

    [Fact]
    public void RefuseIdsLongerThanSixtyThreeCharacters()
    {
        Assert.True(TenantId.TryParse(new string('a', 63), out _));
        Assert.False(TenantId.TryParse(new string('a', 64), out _));
    }

    [Fact]
    public void CompareByValueSoItCanKeyPerTenantState()
    {
        Assert.Equal(TenantId.Parse("clinic-b"), TenantId.Parse("clinic-b"));
        Assert.NotEqual(TenantId.Parse("clinic-b"), TenantId.Parse("clinic-c"));
    }
}
