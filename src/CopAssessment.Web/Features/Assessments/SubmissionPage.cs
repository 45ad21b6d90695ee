namespace CopAssessment.Web.Features.Assessments;

public sealed record EvidenceRow(long Id, string QuestionKey, string? FileName, string? Url, long? Size, string? Sha256, string AddedBy, DateTimeOffset AddedAt);

public sealed record CommentRow(long Id, string? QuestionKey, long? ParentId, string Body, string AuthorName, bool FromSecretariat, DateTimeOffset CreatedAt, bool Resolved);

/// <summary>The comments partial's model (Features/Shared/_Comments.cshtml).</summary>
/// <param name="ReturnUrl">The page the comment forms come back to (the overview, a section, the review page).</param>
public sealed record CommentsView(int SubmissionId, IReadOnlyList<CommentRow> Comments, bool MayComment, bool MayResolve, string ReturnUrl, Func<string, string?> DomainOf);

/// <summary>
/// What every page about one submission shows beside its answers — comments, evidence and the timeline — read the
/// same way for the country's pages (Assessments) and the Secretariat's review page (Review).
/// </summary>
public sealed class SubmissionPage(CopDbContext db)
{
    public Task<List<CommentRow>> CommentsAsync(int submissionId) => db.Set<ReviewComment>().AsNoTracking().Where(c => c.SubmissionId == submissionId)
        .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
        .Select(c => new CommentRow(c.Id, c.QuestionKey, c.ParentId, c.Body, c.AuthorName, c.FromSecretariat, c.CreatedAt, c.Resolved)).ToListAsync();

    public async Task<ILookup<string, EvidenceRow>> EvidenceAsync(int submissionId) =>
        (await db.Set<Evidence>().AsNoTracking().Where(e => e.SubmissionId == submissionId).OrderBy(e => e.AddedAt)
            .Select(e => new EvidenceRow(e.Id, e.QuestionKey, e.FileName, e.Url, e.Size, e.Sha256, e.AddedBy, e.AddedAt)).ToListAsync())
        .ToLookup(e => e.QuestionKey);

    public Task<List<SubmissionTransition>> TimelineAsync(int submissionId) =>
        db.Set<SubmissionTransition>().AsNoTracking().Where(t => t.SubmissionId == submissionId).OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync();
}
