using FhirSync.Worker.Sinks.FhirRest;

namespace FhirSync.Integration.Tests.Sinks;

/// <summary>The tenant's bearer token follows a URL the store hands back (a next link) only inside the tenant's own base.</summary>
public sealed class FhirStoreClientShould
{
    private static readonly FhirStoreClient Client = new(new HttpClient(), "tenant-a", new Uri("https://store.example/fhir/tenant-a"), bearerToken: "secret");

    [Theory]
    [InlineData("https://store.example/fhir/tenant-a")]
    [InlineData("https://store.example/fhir/tenant-a/")]
    [InlineData("https://store.example/fhir/tenant-a/Patient?_count=100&_page=2")]
    [InlineData("https://STORE.example:443/fhir/tenant-a/Patient")]
    public void FollowALinkInsideTheTenantsBase(string url) => Assert.True(Client.IsInsideBase(new Uri(url)));

    [Theory]
    [InlineData("https://store.example.evil.com/fhir/tenant-a/Patient")] // a host that merely starts like the store's
    [InlineData("https://store.example/fhir/tenant-ab/Patient")] // another tenant's partition with a longer name
    [InlineData("https://store.example/fhir/Patient")]
    [InlineData("http://store.example/fhir/tenant-a/Patient")] // the token must not travel unencrypted
    [InlineData("https://store.example:8443/fhir/tenant-a/Patient")]
    public void RefuseALinkOutsideTheTenantsBase(string url) => Assert.False(Client.IsInsideBase(new Uri(url)));
}
