using FhirSync.ControlPlane.Tenants;
using FhirSync.Publisher.Http.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace FhirSync.Publisher.Http.Authorization;

/// <summary>A refused authenticated caller gets a 403 problem that says which rule it failed, and the operator a log line.</summary>
internal sealed class ForbiddenAsProblem(ILogger<ForbiddenAsProblem> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || IntakeCaller.From(context.User) is not { } caller)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var tenant = TenantId.Printable(context.GetRouteValue(TenantAccessHandler.TenantRouteValue) as string);
        var rule = policy.Requirements.OfType<TenantAccessRequirement>().Single();
        var reason = rule.AnyOfRoles.Any(caller.Roles.Contains)
            ? $"the caller acts for tenant '{TenantId.Printable(caller.Tenant)}' only"
            : $"the caller has none of the roles {string.Join(", ", rule.AnyOfRoles)}";
        Log.Forbidden(logger, caller.Origin, tenant, reason);
        await IntakeProblems.Write(context, StatusCodes.Status403Forbidden, reason);
    }
}
