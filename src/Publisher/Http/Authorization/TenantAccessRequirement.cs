using Microsoft.AspNetCore.Authorization;

namespace FhirSync.Publisher.Http.Authorization;

/// <summary>The caller acts for the route's tenant (or is an admin) and holds one of <see cref="AnyOfRoles"/>.</summary>
internal sealed record TenantAccessRequirement(IReadOnlyList<string> AnyOfRoles) : IAuthorizationRequirement;
