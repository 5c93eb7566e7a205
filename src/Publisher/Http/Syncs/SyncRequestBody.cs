namespace FhirSync.Publisher.Http.Syncs;

/// <summary>The body of <c>POST /tenants/{tenantId}/syncs</c>; both fields optional, and so is the body.</summary>
internal sealed record SyncRequestBody(bool FullResync = false, IReadOnlyList<string>? ResourceTypes = null);
