using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace FhirSync.Publisher.Http;

/// <summary>
/// RFC 7807 problems. A detail is composed by the intake from ids made printable, never from the request body, a
/// token, a key or an exception message.
/// </summary>
internal static class IntakeProblems
{
    public static ProblemHttpResult Result(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    public static ProblemHttpResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, detail);

    /// <summary>For middleware that answers before an endpoint runs.</summary>
    public static async Task Write(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
