using Microsoft.AspNetCore.Authentication.Cookies;

namespace CopAssessment.Web.Features.Api;

public static class ApiSetup
{
    /// <summary>
    /// The JSON API shares the sign-in cookie with the pages, but answers 401/403 with a JSON body instead of
    /// redirecting to the sign-in page. The OpenAPI document is served at /openapi/v1.json (WebSetup.MapWeb).
    /// </summary>
    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? Problem(context.Response, StatusCodes.Status401Unauthorized, "Sign in first: the API uses the application's sign-in cookie.")
                : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? Problem(context.Response, StatusCodes.Status403Forbidden, "Your role does not give access to this resource.")
                : toDenied(context);
        });
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Problem(HttpResponse response, int status, string detail)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { status, title = status == 401 ? "Unauthorized" : "Forbidden", detail },
            options: null, contentType: "application/problem+json");
    }
}
