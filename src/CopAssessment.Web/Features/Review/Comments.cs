namespace CopAssessment.Web.Features.Review;

/// <summary>A comment as the form sends it: on the submission, on a question, or a reply to a thread.</summary>
/// <param name="ReturnUrl">The page the form was on (overview, section, review page): the person goes back there.</param>
public sealed record CommentInput(string? Body, string? QuestionKey, long? ParentId, string? ReturnUrl);

public sealed class CommentInputValidator : AbstractValidator<CommentInput>
{
    public CommentInputValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Body).Must(b => b?.Trim() is { Length: > 0 and <= TextLimits.Note })
            .WithMessage(_ => L["A comment needs 1 to {0} characters.", TextLimits.Note]);
        RuleFor(x => x.QuestionKey).MaximumLength(TextLimits.QuestionKey);
        RuleFor(x => x.ReturnUrl).MaximumLength(TextLimits.Url);
    }
}

/// <summary>
/// The conversation of a review: the Secretariat and the country's focal points comment on the submission or a
/// question and reply in threads; the Secretariat resolves a thread (or opens it again). Returning an assessment
/// needs an open thread (<see cref="ReviewComment.OpenThread"/>).
/// </summary>
public sealed class Comments(CopDbContext db, AssessmentAccess access, Audit audit, IValidator<CommentInput> validator, IStringLocalizer<Ui> L)
{
    public async Task<Outcome<object>?> AddAsync(int submissionId, CommentInput input, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        if (!access.MayComment(user)) return Outcome<object>.Forbid();
        var fallback = Links.Assessment(submissionId);
        if (await validator.ValidateAsync(input) is { IsValid: false } invalid) return Outcome<object>.Back(input.ReturnUrl, fallback, invalid.Errors[0].ErrorMessage);
        var questionKey = input.QuestionKey;
        if (questionKey is not null && context.Definition.FindQuestion(questionKey) is null) return null;
        if (input.ParentId is not null)
        {
            // A reply belongs to its thread's question, whatever the form says.
            var parent = await db.Set<ReviewComment>().Where(c => c.Id == input.ParentId && c.SubmissionId == submissionId).Select(c => new { c.QuestionKey }).SingleOrDefaultAsync();
            if (parent is null) return null;
            questionKey = parent.QuestionKey;
        }
        var body = input.Body!.Trim();
        var who = user.Identity?.Name ?? "";
        db.Set<ReviewComment>().Add(new ReviewComment
        {
            SubmissionId = submissionId, QuestionKey = questionKey, ParentId = input.ParentId, Body = body, AuthorEmail = who,
            AuthorName = user.FindFirst(CopClaims.DisplayName)?.Value ?? who,
            FromSecretariat = user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Reviewer),
        });
        audit.Record("comment-added", $"submission {submissionId} {questionKey}", body.Length > TextLimits.AuditQuote ? body[..TextLimits.AuditQuote] : body, context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return Outcome<object>.Back(input.ReturnUrl, fallback, L["Comment added."]);
    }

    /// <param name="reopen">Opens a resolved thread again.</param>
    public async Task<Outcome<object>?> ResolveAsync(int submissionId, long commentId, bool reopen, string? returnUrl, ClaimsPrincipal user)
    {
        if (await access.FindAsync(submissionId) is null) return null;
        var comment = await db.Set<ReviewComment>().SingleOrDefaultAsync(c => c.Id == commentId && c.SubmissionId == submissionId);
        if (comment is null) return null;
        comment.Resolved = !reopen;
        comment.ResolvedAt = reopen ? null : DateTimeOffset.UtcNow;
        comment.ResolvedBy = reopen ? null : user.Identity?.Name;
        await db.SaveChangesAsync();
        return Outcome<object>.Back(returnUrl, Links.Review(submissionId));
    }
}
