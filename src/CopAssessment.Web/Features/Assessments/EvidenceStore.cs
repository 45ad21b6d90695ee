using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Infrastructure.Security;
using CopAssessment.Web.Infrastructure.Uploads;
using Microsoft.EntityFrameworkCore;

namespace CopAssessment.Web.Features.Assessments;

public sealed class EvidenceStore(CopDbContext db, Audit audit, UploadReader uploads)
{
    public long MaxBytes => uploads.MaxBytes;

    /// <summary>Null on success, otherwise the (English, to be localized) reason; nothing is stored on refusal.</summary>
    public async Task<string?> AddFileAsync(SubmissionContext context, string questionKey, IFormFile file, string who)
    {
        var (upload, problem) = await uploads.ReadAsync(file, "evidence");
        if (upload is null)
        {
            return problem switch
            {
                UploadProblem.Missing => "The file is empty.",
                UploadProblem.TooLarge => "The file is larger than the limit.",
                UploadProblem.UnsafeArchive => "This document is damaged or unpacks to far more than its size, so it cannot be accepted.",
                _ => "This type of file is not accepted: upload a PDF, an Office document or an image.",
            };
        }
        var (name, content) = (upload.FileName, upload.Content);
        // Serialises attaching to one submission, so two uploads of the same file cannot both pass the check below.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({AttachLock}, {context.Id})");
        if (await db.Set<Evidence>().AnyAsync(e => e.SubmissionId == context.Id && e.QuestionKey == questionKey && e.Sha256 == upload.Sha256))
            return "This file is already attached to this question.";
        var evidence = new Evidence
        {
            SubmissionId = context.Id, QuestionKey = questionKey, FileName = name, ContentType = upload.ContentType, Size = content.Length,
            Sha256 = upload.Sha256, AddedBy = who, File = new EvidenceFile { Content = content },
        };
        db.Set<Evidence>().Add(evidence);
        audit.Record("evidence-added", $"submission {context.Id} {questionKey}", $"{name} ({content.Length} bytes, sha256 {evidence.Sha256})", context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return null;
    }

    /// <summary>The first key of the advisory lock taken while a file is attached (the second is the submission id).</summary>
    private const int AttachLock = 0x45564944; // "EVID"

    public async Task<string?> AddUrlAsync(SubmissionContext context, string questionKey, string url, string who)
    {
        url = url.Trim();
        if (url.Length > TextLimits.Url) return "This web address is too long.";
        if (!CopAssessment.Domain.Answers.WebAddress.IsValid(url))
            return "Enter a web address starting with http:// or https://.";
        var uri = new Uri(url);
        db.Set<Evidence>().Add(new Evidence { SubmissionId = context.Id, QuestionKey = questionKey, Url = uri.ToString(), AddedBy = who });
        audit.Record("evidence-added", $"submission {context.Id} {questionKey}", uri.ToString(), context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return null;
    }
}
