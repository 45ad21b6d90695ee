namespace CopAssessment.Web.Infrastructure.Uploads;

/// <summary>
/// Sends an uploaded file back the one way every feature does: as the type detected at upload (never what
/// the uploader claimed), under a name ending in that type's extension (rows stored before names followed
/// the type are corrected here), always as an attachment, with nosniff and a sandbox policy so that no
/// browser renders or runs it in the site's origin.
/// </summary>
public sealed class StoredFileResult(byte[] content, string? contentType, string? fileName, string fallbackName) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        var type = FileTypes.FromContentType(contentType);
        var name = UploadReader.CleanFileName(fileName, fallbackName);
        var headers = context.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return new FileContentResult(content, type.ContentType) { FileDownloadName = FileTypes.NameFor(name, type) }.ExecuteResultAsync(context);
    }
}
