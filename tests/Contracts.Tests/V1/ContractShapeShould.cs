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
        { typeof(SyncRequested), "fhirsync:v1:sync-requested", "fhirsync.v1.sync-requested", ["tenantId", "runId", "requestedAt", "origin", "fullResync", "resourceTypes"] },
        {
            typeof(SyncCompleted), "fhirsync:v1:sync-completed", "fhirsync.v1.sync-completed",
            ["tenantId", "runId", "startedAt", "completedAt", "sinkKind", "sinkLocation", "resources"]
        },
        { typeof(SyncFailed), "fhirsync:v1:sync-failed", "fhirsync.v1.sync-failed", ["tenantId", "runId", "failedAt", "stage", "reason", "willRetry"] },
        {
            typeof(SyncDeferred), "fhirsync:v1:sync-deferred", "fhirsync.v1.sync-deferred",
            ["tenantId", "runId", "deferredAt", "retryAt", "deferrals", "reason"]
        },
        { typeof(ReconcileRequested), "fhirsync:v1:reconcile-requested", "fhirsync.v1.reconcile-requested", ["tenantId", "runId", "requestedAt", "origin"] },
        {
            typeof(UsageRecorded), "fhirsync:v1:usage-recorded", "fhirsync.v1.usage-recorded",
            ["eventId", "tenantId", "runId", "eventType", "resourceType", "rowsRead", "resourcesWritten", "bytesSent", "sourceDbMs", "durationMs", "costUnits", "occurredAt"]
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
    public void ReadTheDocumentedJsonOfAReconcileRequest()
    {
        const string json = """{ "tenantId": "clinic-b", "runId": "3c9a7f2e-5b1d-4e8a-9f6c-2d4b8e1a7c05", "requestedAt": "2026-11-23T03:00:00+00:00", "origin": "admin-panel" }""";

        var request = JsonSerializer.Deserialize<ReconcileRequested>(json, WebJson)!;

        Assert.Equal(("clinic-b", "admin-panel", Guid.Parse("3c9a7f2e-5b1d-4e8a-9f6c-2d4b8e1a7c05")), (request.TenantId, request.Origin, request.RunId));
    }

    [Fact]
    public void ReadACountFromBeforeDeletesWithNothingDeletedAndMissingUnknown()
    {
        const string json = """{ "resourceType": "Patient", "sourceTable": "PAT", "rowsRead": 250, "resourcesWritten": 250, "rowsRejected": 0 }""";

        var count = JsonSerializer.Deserialize<ResourceSyncCount>(json, WebJson)!;

        Assert.Equal((0L, (long?)null), (count.ResourcesDeleted, count.ResourcesMissing));
    }

    [Fact]
    public void CountRowsPerSourceInResourceSyncCount()
    {
        Assert.Equal(["resourceType", "sourceTable", "rowsRead", "resourcesWritten", "rowsRejected", "resourcesDeleted", "resourcesMissing"],
            typeof(ResourceSyncCount).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
    }
}
