using Microsoft.Net.Http.Headers;

namespace CopAssessment.Web.Features.Results;

/// <summary>
/// How an open-data file is sent, from the results pages and the public API alike: an ETag from its content
/// (If-None-Match → 304, answered by the file result itself), cacheable by anyone for five minutes, and the licence
/// as a <c>Link: rel="license"</c> header beside the one inside the file. The tag is weak (<c>W/"…"</c>): response
/// compression sends the JSON files gzip- or Brotli-encoded under the same tag, and a strong tag must differ between
/// representations that differ in bytes; a weak one names what they share, the file (RFC 9110 §8.8.3).
/// </summary>
public static class OpenDataResult
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static IActionResult Send(this ControllerBase controller, OpenDataFile file, bool download)
    {
        var tag = new EntityTagHeaderValue(file.ETag, isWeak: true);
        var headers = controller.Response.Headers;
        headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
        headers.Append(HeaderNames.Link, $"<{file.Licence.Url}>; rel=\"license\"");
        return controller.File(file.Body, file.ContentType, download ? file.FileName : null, lastModified: null, tag);
    }
}
