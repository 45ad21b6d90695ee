using CopAssessment.Web.Data.BestPractices;
using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using CopAssessment.Web.Infrastructure.Uploads;

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// One attachment download, for the three places that serve them (public library, moderation, the
/// submitter's own drafts); each passes the attachments the caller may see.
/// </summary>
public static class AttachmentDownloads
{
    public static async Task<IActionResult> DownloadAsync(this IQueryable<BestPracticeAttachment> visible, ControllerBase controller)
    {
        var file = await visible.Select(a => new { a.FileName, a.File!.ContentType, a.File.Content }).SingleOrDefaultAsync();
        return file is null ? controller.NotFound() : controller.File(file.Content, file.ContentType, file.FileName);
    }
}

/// <summary>Adds attachments to the submitter's draft version, under the shared upload rules.</summary>
public sealed class PracticeAttachments(UploadReader uploads, IStringLocalizer<Ui> L)
{
    public long MaxBytes => uploads.MaxBytes;

    /// <summary>Returns an error message, or null when the file was attached.</summary>
    public async Task<string?> AddAsync(BestPracticeVersion draft, IFormFile? file, string uploadedBy)
    {
        var (upload, problem) = await uploads.ReadAsync(file, "attachment");
        if (upload is null)
        {
            return problem switch
            {
                UploadProblem.Missing => L["Choose a file."],
                UploadProblem.TooLarge => L["The file is larger than {0} MB.", MaxBytes / (1024 * 1024)],
                _ => L["Only PDF, Office documents and images (PNG, JPEG, GIF, WebP) can be attached."],
            };
        }
        draft.Attachments.Add(new BestPracticeAttachment
        {
            FileName = upload.FileName,
            File = new BestPracticeFile
            {
                Content = upload.Content, Size = upload.Content.LongLength, Sha256 = upload.Sha256,
                ContentType = upload.ContentType, UploadedBy = uploadedBy,
            },
        });
        return null;
    }
}
