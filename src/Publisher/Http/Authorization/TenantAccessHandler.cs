using FhirSync.Publisher.Http.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FhirSync.Publisher.Http.Authorization;

/// <summary>
/// A caller may act only for the tenant it is (its <c>client_id</c>, or its API key's tenant), unless it has
/// <see cref="IntakeRoles.Admin"/>; the id is compared exactly as written, before the tenant is looked up, so a
/// refused caller learns nothing about other tenants.
/// </summary>
internal sealed class TenantAccessHandler : AuthorizationHandler<TenantAccessRequirement>
{
    public const string TenantRouteValue = "tenantId";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        if (context.Resource is HttpContext http && IntakeCaller.From(context.User) is { } caller
            && requirement.AnyOfRoles.Any(caller.Roles.Contains)
            && (caller.IsAdmin || http.GetRouteValue(TenantRouteValue) is string tenant && string.Equals(tenant, caller.Tenant, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
