using CopAssessment.Web.Infrastructure.Uploads;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CopAssessment.Web.Infrastructure.Security;

/// <summary>
/// The one check every request's input passes before an endpoint sees it (decision 0007):
/// <list type="bullet">
/// <item>a body larger than the configured limit (<see cref="UploadOptions.MaxRequestBytes"/>, or an
/// endpoint's own <c>[RequestSizeLimit]</c>) is refused before it is read, with a message naming the limit;</item>
/// <item>the form is read here, so a malformed or oversized one gets a message instead of the bare 400 of
/// the antiforgery check that would otherwise read it first;</item>
/// <item>control characters other than tab and line breaks are refused in query, route and form values
/// and keys. PostgreSQL cannot store NUL in text and fails the statement (a 500 that once left a pooled
/// connection out of step), and no field of this application needs the others. JSON request bodies
/// are not read by any endpoint; uploaded file names are cleaned by <see cref="UploadReader"/>.</item>
/// </list>
/// </summary>
public sealed class RequestGuard(IOptions<UploadOptions> uploads) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // The error page re-executed for a refused request must not be refused again.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var (limit, limitMegabytes) = BodyLimit(context);
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limitMegabytes);
            return;
        }
        if (HasControlCharacters(request.Query) || request.RouteValues.Values.Any(v => v is string s && HasControlCharacters(s)))
        {
            await RefuseControlCharactersAsync(context);
            return;
        }
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (IsTooLarge(e))
            {
                await TooLargeAsync(context, limitMegabytes);
                return;
            }
            // The URL-encoded form reader refuses NUL itself ("invalid characters"); multipart values are checked below.
            catch (InvalidDataException e) when (e.Message.Contains("invalid characters", StringComparison.OrdinalIgnoreCase))
            {
                await RefuseControlCharactersAsync(context);
                return;
            }
            // A multipart body cut short ends in a plain IOException ("Unexpected end of Stream").
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, L => L["The form could not be read. Reload the page and try again."]);
                return;
            }
            if (HasControlCharacters(form))
            {
                await RefuseControlCharactersAsync(context);
                return;
            }
        }
        await next(context);
    }

    /// <summary>The endpoint's own limit where it declares one, otherwise the upload limit; applied to the server too.</summary>
    private (long Bytes, long Megabytes) BodyLimit(HttpContext context)
    {
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (declared is { } bytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = bytes;
        return declared is { } d ? (d, d / (1024 * 1024)) : (uploads.Value.MaxRequestBytes, uploads.Value.MaxBytes / (1024 * 1024));
    }

    private static bool IsTooLarge(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase));

    private static Task TooLargeAsync(HttpContext context, long megabytes) =>
        Refusal.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, L => L["The file is larger than {0} MB.", megabytes]);

    private static Task RefuseControlCharactersAsync(HttpContext context) =>
        Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, L => L["The request contains control characters (such as NUL), which are not allowed. Remove them and try again."]);

    private static bool HasControlCharacters(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (HasControlCharacters(key)) return true;
            foreach (var item in value)
                if (HasControlCharacters(item)) return true;
        }
        return false;
    }

    public static bool HasControlCharacters(string? text)
    {
        foreach (var c in text ?? "")
            if (c < ' ' && c is not ('\t' or '\n' or '\r')) return true;
        return false;
    }
}

/// <summary>
/// A refusal outside any controller (request guard, rate limiter), written the way the app answers:
/// JSON <c>{ outcome, error }</c> for the API and for scripts that ask for JSON (autosave), otherwise the
/// error page with the translated message and a link back to the page the request came from.
/// </summary>
public static class Refusal
{
    /// <param name="outcome">The JSON's <c>outcome</c>: "invalid" for a refusal, "unavailable" for a 503 (try again later).</param>
    public static async Task WriteAsync(HttpContext context, int status, Func<IStringLocalizer, string> message, string outcome = "invalid")
    {
        var text = message(context.RequestServices.GetRequiredService<IStringLocalizer<Ui>>());
        var response = context.Response;
        response.StatusCode = status;
        if (WantsJson(context.Request))
        {
            await response.WriteAsJsonAsync(new { outcome, error = text });
            return;
        }
        var viewData = new ViewDataDictionary<int?>(context.RequestServices.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary())
        {
            Model = status,
            ["Message"] = text,
            ["BackUrl"] = SameSiteReferrer(context.Request),
            // Unavailable for a moment: the same page again is worth a try (a form would have to be sent again from its page).
            ["RetryUrl"] = status == StatusCodes.Status503ServiceUnavailable && HttpMethods.IsGet(context.Request.Method)
                ? context.Request.PathBase + context.Request.Path + context.Request.QueryString : null,
        };
        await new ViewResult { ViewName = "Error", ViewData = viewData, StatusCode = status }
            .ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || (request.Headers.Accept.ToString() is var accept && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The page the refused form was on, when it is one of ours.</summary>
    private static string? SameSiteReferrer(HttpRequest request) =>
        Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer)
        && string.Equals(referrer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
        && !RequestGuard.HasControlCharacters(referrer.PathAndQuery)
            ? referrer.PathAndQuery : null;
}
