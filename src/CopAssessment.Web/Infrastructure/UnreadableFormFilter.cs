using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// A body that says it is a form but cannot be read as one (a multipart body cut short, a broken boundary)
/// makes MVC skip binding and run the action with empty parameters, which then fails in ways that end as
/// a 500 (even the error page, whose status code is bound from the same request). Such a request is
/// answered 400 with a message before the antiforgery check (which would otherwise fail on the unreadable
/// token with a bare 400) and before binding. The response has a body, so no status-code page follows.
/// The form is read once per request and cached, so reading it here costs the later readers nothing.
/// </summary>
public sealed class UnreadableFormFilter(IStringLocalizer<Ui> L) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            try
            {
                await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            // A body over the server's size limit (BadHttpRequestException, 413) keeps its own answer.
            catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException
                && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                var message = L["The form could not be read. Reload the page and try again."].Value;
                var wantsJson = request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);
                context.Result = wantsJson
                    ? new BadRequestObjectResult(new { outcome = "invalid", error = message })
                    : new ContentResult { StatusCode = StatusCodes.Status400BadRequest, Content = message, ContentType = "text/plain; charset=utf-8" };
            }
        }
    }
}
