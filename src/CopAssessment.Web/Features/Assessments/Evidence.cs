using CopAssessment.Web.Infrastructure.Uploads;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// Evidence of an answer: a file (checked by size and content, see <see cref="UploadReader"/>) or a web address,
/// attached to one question while the assessment is editable; downloaded by anyone who sees the submission.
/// Attaching and removing come back to the question with its evidence panel open (post/redirect/get).
/// </summary>
public sealed class SubmissionEvidence(CopDbContext db, AssessmentAccess access, Audit audit, UploadReader uploads, IStringLocalizer<Ui> L)
{
    public async Task<Outcome<object>?> AddAsync(int submissionId, string? questionKey, IFormFile? file, string? url, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        var question = context?.Definition.FindQuestion(questionKey ?? "");
        if (context is null || question is null || !access.Shows(context, question.Key)) return null;
        if (!access.CanEdit(user, context, question.Key)) return Outcome<object>.Forbid();
        var who = user.Identity?.Name ?? "";
        var error = file is { Length: > 0 } ? await AddFileAsync(context, question.Key, file, who)
            : !string.IsNullOrWhiteSpace(url) ? await AddUrlAsync(context, question.Key, url, who)
            : L["Choose a file or enter a web address."];
        return error is null ? Panel(context, question.Key, L["Evidence added."]) : Panel(context, question.Key, error, SavePage.EvidenceErrorKey);
    }

    public async Task<IActionResult> DownloadAsync(int submissionId, long evidenceId)
    {
        // The submission is looked up in scope first: another country's evidence id is not found.
        if (await access.FindAsync(submissionId) is not { } context) return new NotFoundResult();
        var item = await db.Set<Evidence>().AsNoTracking().Where(e => e.Id == evidenceId && e.SubmissionId == submissionId)
            .Select(e => new { e.FileName, e.ContentType, e.Url, e.QuestionKey }).SingleOrDefaultAsync();
        if (item is null || !access.Shows(context, item.QuestionKey)) return new NotFoundResult();
        if (item.Url is not null) return new RedirectResult(item.Url);
        var content = await db.Set<EvidenceFile>().AsNoTracking().Where(f => f.EvidenceId == evidenceId).Select(f => f.Content).SingleAsync();
        return new StoredFileResult(content, item.ContentType, item.FileName, "evidence");
    }

    public async Task<Outcome<object>?> RemoveAsync(int submissionId, long evidenceId, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        var item = await db.Set<Evidence>().SingleOrDefaultAsync(e => e.Id == evidenceId && e.SubmissionId == submissionId);
        if (item is null || !access.Shows(context, item.QuestionKey)) return null;
        if (!access.CanEdit(user, context, item.QuestionKey)) return Outcome<object>.Forbid();
        db.Remove(item);
        audit.Record("evidence-removed", $"submission {submissionId} {item.QuestionKey}", item.FileName ?? item.Url, context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return Panel(context, item.QuestionKey);
    }

    /// <summary>Back to the question on its section's page, with its evidence panel open.</summary>
    private static Outcome<object> Panel(SubmissionContext context, string questionKey, string? message = null, string messageKey = "Message") =>
        Outcome<object>.GoTo(nameof(AssessmentsController.Domain),
            new { id = context.Id, domain = context.Definition.DomainOf(questionKey)?.Key, evidence = questionKey },
            message, fragment: QuestionRendering.Id(questionKey), messageKey: messageKey);

    /// <summary>Null on success, otherwise the translated reason; nothing is stored on refusal.</summary>
    private async Task<string?> AddFileAsync(SubmissionContext context, string questionKey, IFormFile file, string who)
    {
        var (upload, problem) = await uploads.ReadAsync(file, "evidence");
        if (upload is null)
        {
            return problem switch
            {
                UploadProblem.Missing => L["The file is empty."],
                UploadProblem.TooLarge => L["The file is larger than the limit."],
                UploadProblem.UnsafeArchive => L["This document is damaged or unpacks to far more than its size, so it cannot be accepted."],
                _ => L["This type of file is not accepted: upload a PDF, an Office document or an image."],
            };
        }
        var (name, content) = (upload.FileName, upload.Content);
        // Tried again whole after a transient database error: a first try that did commit makes the retry find the file attached.
        return await db.RetriedAsync(async () =>
        {
            // Serialises attaching to one submission, so two uploads of the same file cannot both pass the check below.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({AttachLock}, {context.Id})");
            if (await db.Set<Evidence>().AnyAsync(e => e.SubmissionId == context.Id && e.QuestionKey == questionKey && e.Sha256 == upload.Sha256))
                return L["This file is already attached to this question."];
            var evidence = new Evidence
            {
                SubmissionId = context.Id, QuestionKey = questionKey, FileName = name, ContentType = upload.ContentType, Size = content.Length,
                Sha256 = upload.Sha256, AddedBy = who, File = new EvidenceFile { Content = content },
            };
            db.Set<Evidence>().Add(evidence);
            audit.Record("evidence-added", $"submission {context.Id} {questionKey}", $"{name} ({content.Length} bytes, sha256 {evidence.Sha256})", context.Submission.CountryIso3);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return (string?)null;
        });
    }

    /// <summary>The first key of the advisory lock taken while a file is attached (the second is the submission id).</summary>
    private const int AttachLock = 0x45564944; // "EVID"

    private async Task<string?> AddUrlAsync(SubmissionContext context, string questionKey, string url, string who)
    {
        url = url.Trim();
        if (url.Length > TextLimits.Url) return L["This web address is too long."];
        if (!CopAssessment.Domain.Answers.WebAddress.IsValid(url)) return L["Enter a web address starting with http:// or https://."];
        var uri = new Uri(url);
        db.Set<Evidence>().Add(new Evidence { SubmissionId = context.Id, QuestionKey = questionKey, Url = uri.ToString(), AddedBy = who });
        audit.Record("evidence-added", $"submission {context.Id} {questionKey}", uri.ToString(), context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return null;
    }
}
