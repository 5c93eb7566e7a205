using System.Reflection;
using System.Text.Json;
using FhirSync.Contracts.V1;
using MassTransit;

namespace FhirSync.Contracts.Tests.V1;

/// <summary>
/// Pins the wire shape of each contract: its message URN, its exchange, and its JSON property names. Other systems
/// publish and parse these by hand; a rename here would silently break them.
/// </summary>
public sealed class ContractShapeShould
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static TheoryData<Type, string, string, string[]> Contracts => new()
    {
        { typeof(SyncRequested), "fhirsync:v1:sync-requested", "fhirsync.v1.sync-requested", ["tenantId", "runId", "requestedAt", "origin", "fullResync"] },
        {
            typeof(SyncCompleted), "fhirsync:v1:sync-completed", "fhirsync.v1.sync-completed",
            ["tenantId", "runId", "startedAt", "completedAt", "sinkKind", "sinkLocation", "resources"]
        },
        { typeof(SyncFailed), "fhirsync:v1:sync-failed", "fhirsync.v1.sync-failed", ["tenantId", "runId", "failedAt", "stage", "reason", "willRetry"] },
        {
            typeof(SyncDeferred), "fhirsync:v1:sync-deferred", "fhirsync.v1.sync-deferred",
            ["tenantId", "runId", "deferredAt", "retryAt", "deferrals", "reason"]
        },
        { typeof(TenantConfigChanged), "fhirsync:v1:tenant-config-changed", "fhirsync.v1.tenant-config-changed", ["tenantId", "change", "changedAt"] },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void KeepItsWireIdentityAndPropertyNames(Type contract, string urn, string exchange, string[] properties)
    {
        Assert.Equal(urn, contract.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString().Replace("urn:message:", string.Empty, StringComparison.Ordinal));
        Assert.Equal(exchange, contract.GetCustomAttribute<EntityNameAttribute>()!.EntityName);
        Assert.Equal(properties, contract.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
        Assert.True(contract.IsSealed);
    }

    [Fact]
    public void ReadTheDocumentedJsonOfASyncRequest()
    {
        const string json = """{ "tenantId": "hospital-a", "runId": "6f1c2c4e-0c7e-4d0b-9d6b-3a1f0e2d9c11", "requestedAt": "2026-11-23T02:00:00+00:00", "origin": "ehr" }""";

        var request = JsonSerializer.Deserialize<SyncRequested>(json, WebJson)!;

        Assert.Equal(("hospital-a", "ehr"), (request.TenantId, request.Origin));
        Assert.Equal(Guid.Parse("6f1c2c4e-0c7e-4d0b-9d6b-3a1f0e2d9c11"), request.RunId);
    }

    [Fact]
    public void CountRowsPerSourceInResourceSyncCount()
    {
        Assert.Equal(["resourceType", "sourceTable", "rowsRead", "resourcesWritten", "rowsRejected"],
            typeof(ResourceSyncCount).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
    }
}
