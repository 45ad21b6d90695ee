using CopAssessment.Web.Infrastructure.Uploads;

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
        return file is null ? controller.NotFound() : new StoredFileResult(file.Content, file.ContentType, file.FileName, "attachment");
    }
}

/// <summary>
/// Adds and removes attachments of the submitter's draft version, under the shared upload rules. Each change
/// is audited in the same unit of work; the caller saves.
/// </summary>
public sealed class PracticeAttachments(CopDbContext db, UploadReader uploads, Audit audit, IStringLocalizer<Ui> L)
{
    public long MaxBytes => uploads.MaxBytes;

    /// <summary>Returns an error message, or null when the file was attached.</summary>
    public async Task<string?> AddAsync(BestPractice practice, BestPracticeVersion draft, IFormFile? file, string uploadedBy)
    {
        var (upload, problem) = await uploads.ReadAsync(file, "attachment");
        if (upload is null)
        {
            return problem switch
            {
                UploadProblem.Missing => L["Choose a file."],
                UploadProblem.TooLarge => L["The file is larger than {0} MB.", MaxBytes / (1024 * 1024)],
                UploadProblem.UnsafeArchive => L["This document is damaged or unpacks to far more than its size, so it cannot be accepted."],
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
        audit.Record("best-practice-attachment-added", $"best-practice/{practice.Id}",
            $"v{draft.Number}: {upload.FileName} ({upload.Content.LongLength} bytes, sha256 {upload.Sha256})", practice.OwnerCountryIso3);
        return null;
    }

    /// <summary>
    /// Takes the file off the draft. Its content row is deleted too unless another version still lists it
    /// (a new version shares its predecessor's files).
    /// </summary>
    public async Task RemoveAsync(BestPractice practice, BestPracticeVersion draft, int fileId)
    {
        var removed = draft.Attachments.Where(a => a.FileId == fileId).ToList();
        if (removed.Count == 0) return;
        foreach (var attachment in removed)
        {
            draft.Attachments.Remove(attachment);
            db.Remove(attachment);
        }
        // The draft's own rows are still in the table until the save; an unsaved new draft has Id 0.
        var listedElsewhere = await db.Set<BestPracticeAttachment>().AnyAsync(a => a.FileId == fileId && a.VersionId != draft.Id);
        if (!listedElsewhere)
        {
            // A key-only stand-in: deleting needs no content, and the bytes are not read.
            var file = db.Set<BestPracticeFile>().Local.FirstOrDefault(f => f.Id == fileId)
                ?? new BestPracticeFile { Id = fileId, ContentType = "", Sha256 = "", Content = [], UploadedBy = "" };
            db.Remove(file);
        }
        audit.Record("best-practice-attachment-removed", $"best-practice/{practice.Id}",
            $"v{draft.Number}: {string.Join(", ", removed.Select(a => a.FileName).Distinct())}" + (listedElsewhere ? "" : " (file deleted)"),
            practice.OwnerCountryIso3);
    }
}
